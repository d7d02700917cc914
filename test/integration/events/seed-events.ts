import type { Db } from "@/db/client";
import { normalizeMessage, type EventRow } from "@/server/ingestion/normalize-message";
import { recordRejections } from "@/server/ingestion/record-rejections";
import { appendEvents } from "@/server/ingestion/append-events";

/** The row the tracking API would store for a message; throws on an invalid one. */
export function eventRow(message: Record<string, unknown>, receivedAt = new Date()): EventRow {
  const normalized = normalizeMessage(message, { receivedAt });
  if (!normalized.ok) throw new Error(`test message refused: ${normalized.reason}`);
  return normalized.row;
}

/** Appends messages as the tracking API would (one statement), all received at `receivedAt`; throws on an invalid one. */
export async function storeMessages(
  db: Db,
  workspaceId: string,
  sourceId: string,
  receivedAt: Date,
  messages: Record<string, unknown>[],
) {
  const rows = messages.map((message) => eventRow(message, receivedAt));
  await appendEvents(db, { workspaceId, sourceId, rows }, { write: "direct" });
  return rows;
}

/** Keeps a refused message with its reason, as the tracking API does. */
export async function storeRejection(
  db: Db,
  workspaceId: string,
  sourceId: string,
  receivedAt: Date,
  reason: string,
  payload: unknown,
) {
  await recordRejections(db, workspaceId, sourceId, receivedAt, [{ reason, batchIndex: null, payload }]);
}

export const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
