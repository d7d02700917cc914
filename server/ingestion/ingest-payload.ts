import type { Db } from "@/db/client";
import type { EventType } from "@/db/schema/events";
import type { TrackingSource } from "./authenticate-source";
import { writeEvents, type RowOutcome } from "./event-writer";
import { LIMITS } from "./limits";
import { normalizeMessage, type EventRow } from "./normalize-message";
import { recordRejections, type Rejection } from "./record-rejections";
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
 * Validates a parsed tracking payload, stores its valid events (through the group-commit writer) and its
 * refused ones (for the live debugger), and resolves only when both are committed. Storage failures throw.
 */
export async function ingestPayload(
  db: Db,
  source: TrackingSource,
  route: TrackingRoute,
  payload: unknown,
  receivedAt: Date,
): Promise<IngestOutcome> {
  if (route.kind === "single") {
    const normalized = normalizeMessage(payload, { receivedAt, type: route.type });
    if (!normalized.ok) {
      await recordRejections(db, source.workspaceId, source.id, receivedAt, [
        { reason: normalized.reason, batchIndex: null, payload },
      ]);
      return { ok: false, status: 400, code: normalized.code, message: normalized.reason };
    }
    const [outcome] = await writeEvents(db, source.workspaceId, source.id, [normalized.row]);
    if (isRefused(outcome)) {
      await recordRejections(db, source.workspaceId, source.id, receivedAt, [
        { reason: outcome.refused, batchIndex: null, payload: normalized.row.raw },
      ]);
      return { ok: false, status: 400, code: "unstorable_event", message: outcome.refused };
    }
    return { ok: true, accepted: outcome ? 1 : 0, duplicates: outcome ? 0 : 1, rejected: [] };
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
  const rows: EventRow[] = [];
  const indexes: number[] = [];
  const rejections: Rejection[] = [];
  for (let index = 0; index < items.length; index++) {
    const message = withBatchDefaults(items[index], context, integrations);
    const normalized = normalizeMessage(message, { receivedAt, batchSentAt: payload.sentAt });
    if (normalized.ok) {
      rows.push(normalized.row);
      indexes.push(index);
    } else rejections.push({ reason: normalized.reason, batchIndex: index, payload: message });
  }
  const [outcomes] = await Promise.all([
    writeEvents(db, source.workspaceId, source.id, rows),
    recordRejections(db, source.workspaceId, source.id, receivedAt, rejections),
  ]);
  // Rows the database refused (rare: validation catches what it can) are refused alone, like invalid ones.
  let accepted = 0;
  let duplicates = 0;
  const refused: Rejection[] = [];
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i];
    if (outcome === true) accepted++;
    else if (outcome === false) duplicates++;
    else refused.push({ reason: outcome.refused, batchIndex: indexes[i], payload: rows[i].raw });
  }
  if (refused.length > 0) {
    await recordRejections(db, source.workspaceId, source.id, receivedAt, refused);
    rejections.push(...refused);
    rejections.sort((a, b) => a.batchIndex! - b.batchIndex!);
  }
  return {
    ok: true,
    accepted,
    duplicates,
    rejected: rejections.map((r) => ({ index: r.batchIndex!, reason: r.reason })),
  };
}

const isRefused = (outcome: RowOutcome | undefined): outcome is { refused: string } =>
  typeof outcome === "object" && outcome !== null;
