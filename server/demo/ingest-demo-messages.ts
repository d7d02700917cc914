import type { Db } from "@/db/client";
import { normalizeMessage, type EventRow } from "../ingestion/normalize-message";
import { recordRejections, type Rejection } from "../ingestion/record-rejections";
import { storeEvents } from "../ingestion/store-events";
import type { TimedMessage } from "./generate-demo-messages";

/**
 * Stores demo messages through the tracking API's own steps: each is normalised as if it had been received
 * at its `at`, the valid ones stored (deduplicated by messageId; storeEvents counts them into the event
 * catalog), the refused ones kept with their reasons.
 */
export async function ingestDemoMessages(db: Db, workspaceId: string, sourceId: string, messages: TimedMessage[]) {
  const rows: EventRow[] = [];
  const refused = new Map<number, Rejection[]>();
  for (const { at, message } of messages) {
    const normalized = normalizeMessage(message, { receivedAt: at });
    if (normalized.ok) rows.push(normalized.row);
    else {
      const sameTime = refused.get(at.getTime()) ?? [];
      sameTime.push({ reason: normalized.reason, batchIndex: null, payload: message });
      refused.set(at.getTime(), sameTime);
    }
  }
  const stored = await storeEvents(db, workspaceId, sourceId, rows);
  for (const [at, rejections] of refused) await recordRejections(db, workspaceId, sourceId, new Date(at), rejections);
  return { stored: stored.size, rejected: messages.length - rows.length };
}
