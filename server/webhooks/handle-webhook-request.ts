import { getDb } from "../database";
import { rateLimitMessage, takeRequestToken } from "../ingestion/rate-limit";
import { decryptSecret } from "../secrets/encrypt-secret";
import { findWebhookSource } from "./find-webhook-source";
import { keepHeaders } from "./keep-headers";
import { mapDelivery } from "./map-delivery";
import { readWebhookBody } from "./read-webhook-body";
import { newDeliveryId, recordDelivery } from "./record-delivery";
import { verifySignature, webhookHeader } from "./verify-signature";

const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  reply(status, { error: { code, message } }, headers);

/**
 * POST /api/webhooks/{sourceId}: one inbound webhook. The Next route handler and the self-hosted server's
 * fast path both call this. Answers:
 * - 200 once the payload is kept — also when the mapping failed (the body says so): a sender must not retry
 *   a payload we hold, it is replayed here once the mapping is fixed;
 * - 401 for a signature that does not verify (the delivery is kept as signature_failed, never mapped);
 * - 404 / 401 for an unknown, non-webhook or disabled source; 400 / 413 / 415 for a body we cannot read;
 * - 429 with Retry-After over the source's rate limit (the body is not read, nothing is kept);
 * - 503 when storage failed, so the sender retries.
 */
export async function handleWebhookRequest(request: Request, sourceId: string): Promise<Response> {
  if (request.method !== "POST") return refuse(405, "method_not_allowed", "send webhooks with POST", { allow: "POST" });
  const receivedAt = new Date();

  let db: Awaited<ReturnType<typeof getDb>>;
  let source: Awaited<ReturnType<typeof findWebhookSource>>;
  try {
    db = await getDb();
    source = await findWebhookSource(db, sourceId);
  } catch {
    return refuse(503, "storage_unavailable", "the webhook could not be accepted right now; retry later", { "retry-after": "5" });
  }
  if (!source || source.type !== "webhook") return refuse(404, "not_found", "no webhook source at this address");
  if (!source.enabled) return refuse(401, "source_disabled", "this webhook source is disabled");
  const limit = source.settings.rateLimitPerSecond;
  if (limit) {
    const wait = takeRequestToken(source.id, limit);
    if (wait > 0) return refuse(429, "rate_limited", rateLimitMessage(limit), { "retry-after": String(wait) });
  }

  const read = await readWebhookBody(request);
  if (!read.ok) return refuse(read.status, read.code, read.message);
  if (read.payload === null) return refuse(400, "invalid_json", "the payload is null; send a JSON object or array");

  const externalId = webhookHeader(request.headers, "id")?.slice(0, 200) ?? null;
  const id = newDeliveryId(receivedAt);
  const headers = keepHeaders(request.headers);
  const delivery = { workspaceId: source.workspaceId, sourceId: source.id, id, receivedAt, externalId, payload: read.payload, headers };

  try {
    const sealed = source.settings.signingSecretEncrypted;
    if (sealed) {
      const check = verifySignature(request.headers, read.body, decryptSecret(sealed), receivedAt);
      if (!check.ok) {
        await recordDelivery(db, delivery, { status: "signature_failed", error: check.reason });
        return refuse(401, "invalid_signature", check.reason);
      }
    }
    const mapped = await mapDelivery(source.settings.mapping, read.payload, { sourceId: source.id, deliveryKey: externalId ?? id, receivedAt, headers });
    const stored = await recordDelivery(db, delivery, mapped);
    return reply(200, {
      ok: true,
      deliveryId: id,
      status: mapped.status,
      events: mapped.rows.length,
      newEvents: stored,
      ...(mapped.error ? { error: mapped.error } : {}),
    });
  } catch (error) {
    console.error(`webhook ${source.id}: could not store delivery`, error);
    return refuse(503, "storage_unavailable", "the payload could not be stored right now; retry later", { "retry-after": "5" });
  }
}
