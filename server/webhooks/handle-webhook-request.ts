import { getDb } from "../database";
import { AppError } from "../errors";
import { errorResponse, failureResponse, jsonReply, logFailure, toResponse, unavailableReply } from "../http/reply";
import { rateLimitMessage, takeRequestToken } from "../ingestion/rate-limit";
import { decryptSecret } from "../secrets/encrypt-secret";
import { findWebhookSource } from "./find-webhook-source";
import { keepHeaders } from "./keep-headers";
import { WEBHOOK_LIMITS } from "./limits";
import { mapDelivery } from "./map-delivery";
import { parseWebhookJson, readWebhookBytes } from "./read-webhook-body";
import { newDeliveryId, recordDelivery, recordUnverifiedDelivery } from "./record-delivery";
import { UNVERIFIED_HEADER_LIMITS, unverifiedBody } from "./unverified-body";
import { verifySignature, webhookHeader } from "./verify-signature";

const unavailable = (message: string) => toResponse(unavailableReply(message, 5));

/**
 * POST /api/webhooks/{sourceId}: one inbound webhook. The Next route handler and the self-hosted server's
 * fast path both call this. Answers:
 * - 200 once the payload is kept — also when the mapping failed (the body says so): a sender must not retry
 *   a payload we hold, it is replayed here once the mapping is fixed;
 * - 401 for a signature that does not verify (only a trace of the delivery is kept, see unverified-body.ts);
 * - 404 / 401 for an unknown, non-webhook or disabled source; 400 / 413 / 415 for a body we cannot read;
 * - 429 with Retry-After over the source's rate limit (its own, or defaultRateLimitPerSecond; the body is
 *   not read, nothing is kept);
 * - 503 with Retry-After when storage failed or the mapping workers are all busy, so the sender retries.
 */
export async function handleWebhookRequest(request: Request, sourceId: string): Promise<Response> {
  if (request.method !== "POST")
    return errorResponse(405, "method_not_allowed", "send webhooks with POST", { allow: "POST" });
  const receivedAt = new Date();

  let db: Awaited<ReturnType<typeof getDb>>;
  let source: Awaited<ReturnType<typeof findWebhookSource>>;
  try {
    db = await getDb();
    source = await findWebhookSource(db, sourceId);
  } catch (error) {
    logFailure("webhook: could not look up the source", error);
    return unavailable("the webhook could not be accepted right now; retry later");
  }
  if (!source || source.type !== "webhook") return errorResponse(404, "not_found", "no webhook source at this address");
  if (!source.enabled) return errorResponse(401, "source_disabled", "this webhook source is disabled");
  const limit = source.settings.rateLimitPerSecond ?? WEBHOOK_LIMITS.defaultRateLimitPerSecond;
  const wait = takeRequestToken(source.id, limit);
  if (wait > 0) return errorResponse(429, "rate_limited", rateLimitMessage(limit), { "retry-after": String(wait) });

  const read = await readWebhookBytes(request);
  if (!read.ok) return errorResponse(read.status, read.code, read.message);
  const externalId = webhookHeader(request.headers, "id")?.slice(0, 200) ?? null;
  const delivery = {
    workspaceId: source.workspaceId,
    sourceId: source.id,
    id: newDeliveryId(receivedAt),
    receivedAt,
    externalId,
  };

  try {
    const sealed = source.settings.signingSecretEncrypted;
    if (sealed) {
      const check = verifySignature(request.headers, read.body, decryptSecret(sealed), receivedAt);
      if (!check.ok) {
        const trace = unverifiedBody(read.body, read.wireBytes, request.headers.get("content-type"));
        await recordUnverifiedDelivery(
          db,
          { ...delivery, headers: keepHeaders(request.headers, UNVERIFIED_HEADER_LIMITS) },
          trace,
          check.reason,
        );
        return errorResponse(401, "invalid_signature", check.reason);
      }
    }
  } catch (error) {
    logFailure(`webhook ${source.id}: could not keep an unverified delivery`, error);
    return unavailable("the payload could not be stored right now; retry later");
  }

  const json = parseWebhookJson(read.body);
  if (!json.ok) return errorResponse(json.status, json.code, json.message);
  if (json.payload === null)
    return errorResponse(400, "invalid_json", "the payload is null; send a JSON object or array");
  const headers = keepHeaders(request.headers);

  let mapped: Awaited<ReturnType<typeof mapDelivery>>;
  try {
    mapped = await mapDelivery(source.settings.mapping, json.payload, {
      sourceId: source.id,
      deliveryKey: externalId ?? delivery.id,
      receivedAt,
      headers,
    });
  } catch (error) {
    // All mapping workers busy and their queue full: nothing is kept, the sender retries.
    if (error instanceof AppError) return failureResponse(error, "webhook mapping", { "retry-after": "1" });
    logFailure(`webhook ${source.id}: could not map a delivery`, error);
    return unavailable("the payload could not be mapped right now; retry later");
  }
  try {
    const stored = await recordDelivery(db, { ...delivery, headers, payloadText: json.text }, mapped);
    return toResponse(
      jsonReply(200, {
        ok: true,
        deliveryId: delivery.id,
        status: mapped.status,
        events: mapped.rows.length,
        newEvents: stored,
        ...(mapped.error ? { error: mapped.error } : {}),
      }),
    );
  } catch (error) {
    logFailure(`webhook ${source.id}: could not store a delivery`, error);
    return unavailable("the payload could not be stored right now; retry later");
  }
}
