import type { Db } from "@/db/client";
import { normalizeMessage, type EventRow } from "../ingestion/normalize-message";
import { appendEvents } from "../ingestion/append-events";
import type { Rejection } from "../ingestion/record-rejections";
import type { TimedMessage } from "./generate-demo-messages";

/**
 * Stores demo messages through the tracking API's own steps: each is normalised as if it had been received
 * at its `at`, the valid ones stored (deduplicated by messageId; the pipeline's catalog consumer counts them
 * into the event catalog), the refused ones kept with their reasons.
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
  const stored = await appendEvents(
    db,
    {
      workspaceId,
      sourceId,
      rows,
      rejections: [...refused].flatMap(([at, rejections]) =>
        rejections.map((r) => ({ ...r, receivedAt: new Date(at) })),
      ),
    },
    { write: "direct" },
  );
  return { stored: stored.stored, rejected: messages.length - rows.length };
}
