import type { Db } from "@/db/client";
import type { EventType } from "@/db/schema/events";
import type { TrackingSource } from "./authenticate-source";
import { appendEvents } from "./append-events";
import { LIMITS } from "./limits";
import type { TrackingErrorCode } from "./tracking-replies";

/** A single-event endpoint (/v1/track …) or a batch (/v1/batch, /v1/import). */
export type TrackingRoute = { kind: "single"; type: EventType } | { kind: "batch" };

export type IngestOutcome =
  | { ok: true; accepted: number; duplicates: number; rejected: { index: number; reason: string }[] }
  | { ok: false; status: number; code: TrackingErrorCode; message: string };

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Batch-level context and integrations apply to every message, under the message's own keys (as Segment does). */
function withBatchDefaults(item: unknown, context: JsonObject | null, integrations: JsonObject | null): unknown {
  if (!isObject(item) || (!context && !integrations)) return item;
  const merged: JsonObject = { ...item };
  if (context && (item.context === undefined || isObject(item.context)))
    merged.context = { ...context, ...(item.context as JsonObject | undefined) };
  if (integrations && (item.integrations === undefined || isObject(item.integrations))) {
    merged.integrations = { ...integrations, ...(item.integrations as JsonObject | undefined) };
  }
  return merged;
}

/**
 * Validates a parsed tracking payload and appends its events (appendEvents, through the group-commit writer):
 * valid events stored, refused ones kept for the live debugger; resolves only when both are committed.
 * Storage failures throw.
 */
export async function ingestPayload(
  db: Db,
  source: TrackingSource,
  route: TrackingRoute,
  payload: unknown,
  receivedAt: Date,
): Promise<IngestOutcome> {
  const batch = { workspaceId: source.workspaceId, sourceId: source.id };
  if (route.kind === "single") {
    const { outcomes } = await appendEvents(db, {
      ...batch,
      messages: [{ message: payload, receivedAt, type: route.type }],
    });
    const [outcome] = outcomes;
    if (outcome.status === "rejected") return { ok: false, status: 400, code: outcome.code, message: outcome.reason };
    const stored = outcome.status === "stored";
    return { ok: true, accepted: stored ? 1 : 0, duplicates: stored ? 0 : 1, rejected: [] };
  }

  if (!isObject(payload) || !Array.isArray(payload.batch)) {
    return {
      ok: false,
      status: 400,
      code: "invalid_body",
      message: "a batch must be a JSON object with a batch array of messages",
    };
  }
  const items: unknown[] = payload.batch;
  if (items.length > LIMITS.maxBatchEvents) {
    return {
      ok: false,
      status: 400,
      code: "too_many_events",
      message: `the batch has ${items.length} events; the limit is ${LIMITS.maxBatchEvents} per request`,
    };
  }
  const context = isObject(payload.context) ? payload.context : null;
  const integrations = isObject(payload.integrations) ? payload.integrations : null;
  const batchSentAt = payload.sentAt;
  const messages = items.map((item, batchIndex) => ({
    message: withBatchDefaults(item, context, integrations),
    receivedAt,
    batchSentAt,
    batchIndex,
  }));
  const result = await appendEvents(db, { ...batch, messages });
  const rejected: { index: number; reason: string }[] = [];
  result.outcomes.forEach((outcome, index) => {
    if (outcome.status === "rejected") rejected.push({ index, reason: outcome.reason });
  });
  return { ok: true, accepted: result.stored, duplicates: result.duplicates, rejected };
}
