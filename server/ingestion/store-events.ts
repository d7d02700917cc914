import type { Db } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import type { EventRow } from "./normalize-message";

const INSERT_EVENTS = `
  INSERT INTO events (workspace_id, id, source_id, message_id, type, event, user_id, anonymous_id, group_id,
                      previous_id, timestamp, original_timestamp, sent_at, received_at, raw)
  SELECT $1::uuid, t.*
  FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
              $10::text[], $11::timestamptz[], $12::timestamptz[], $13::timestamptz[], $14::timestamptz[], $15::jsonb[]) AS t
  ON CONFLICT (workspace_id, message_id) DO NOTHING
  RETURNING message_id`;

/**
 * Stores events in one statement (atomic: all or none). A messageId already stored in the workspace is
 * skipped, so retries never duplicate. Returns the messageIds that were new.
 */
export async function storeEvents(db: Db, workspaceId: string, sourceId: string, rows: EventRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const column = <K extends keyof EventRow>(key: K) => rows.map((r) => r[key]);
  const inserted = await rawQuery<{ message_id: string }>(db, INSERT_EVENTS, [
    workspaceId,
    column("id"),
    rows.map(() => sourceId),
    column("messageId"),
    column("type"),
    column("event"),
    column("userId"),
    column("anonymousId"),
    column("groupId"),
    column("previousId"),
    column("timestamp"),
    column("originalTimestamp"),
    column("sentAt"),
    column("receivedAt"),
    column("raw"),
  ]);
  return new Set(inserted.map((r) => r.message_id));
}
