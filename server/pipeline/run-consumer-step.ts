import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import { isoTime } from "@/db/iso-time";
import type { PipelineConsumer, PipelineEvent } from "./define-consumer";
import { takeMessage } from "./recent-messages";

// A consumer of the events' shape (define-consumer.ts) reads neither identifiers nor event times nor raw JSON.
const FULL_COLUMNS = sql`user_id AS "userId", anonymous_id AS "anonymousId", ${isoTime(sql`timestamp`)} AS timestamp, raw`;
const SHAPE_ONLY_COLUMNS = sql`NULL AS "userId", NULL AS "anonymousId", NULL AS timestamp, NULL AS raw`;

/**
 * One step of a consumer: lock its cursor, read the next events in commit-safe order, hand them to the
 * consumer and advance the cursor — one transaction. Returns how many events it processed (0: caught up).
 *
 * Order is (txid, id), and only transactions below the snapshot's xmin are read: every transaction older than
 * the horizon has finished, so no row can later appear behind the cursor — a row whose transaction committed
 * late is read once it has, never skipped. The cursor row's lock keeps two workers from running one consumer
 * at once (the second waits, then sees the advanced position). ORDER BY names the table's columns: a bare
 * `txid` would be the text output column, whose order ("10" before "9") skips events.
 */
export async function runConsumerStep(db: Db, consumer: PipelineConsumer): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO pipeline_cursors (consumer) VALUES (${consumer.id}) ON CONFLICT DO NOTHING`);
    const [cursor] = await rows<{ txid: string; event_id: string }>(
      tx,
      sql`SELECT txid::text, event_id::text FROM pipeline_cursors WHERE consumer = ${consumer.id} FOR UPDATE`,
    );
    const events = await rows<PipelineEvent>(
      tx,
      sql`SELECT workspace_id AS "workspaceId", id, txid::text AS txid, source_id AS "sourceId", type, event,
                 ${consumer.shapeOnly ? SHAPE_ONLY_COLUMNS : FULL_COLUMNS}, ${isoTime(sql`received_at`)} AS "receivedAt"
          FROM events
          WHERE (txid, id) > (${cursor.txid}::xid8, ${cursor.event_id}::uuid)
            AND txid < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY events.txid, events.id
          LIMIT ${consumer.batchSize ?? 500}`,
    );
    if (events.length === 0) return 0;
    if (consumer.shapeOnly) await fillRaw(tx, events);
    await consumer.handle(tx, events);
    const last = events[events.length - 1];
    await tx.execute(
      sql`UPDATE pipeline_cursors SET txid = ${last.txid}::xid8, event_id = ${last.id}::uuid, updated_at = now() WHERE consumer = ${consumer.id}`,
    );
    return events.length;
  });
}

/** Raw messages from what this process stored lately, the others read by primary key (see recent-messages.ts). */
async function fillRaw(tx: Db, events: PipelineEvent[]): Promise<void> {
  const missing: PipelineEvent[] = [];
  for (const e of events) {
    const message = takeMessage(e.id);
    if (message) e.raw = message;
    else missing.push(e);
  }
  if (missing.length === 0) return;
  const stored = await rows<{ id: string; raw: Record<string, unknown> }>(
    tx,
    sql`SELECT e.id, e.raw FROM events e
        JOIN unnest(${`{${missing.map((e) => e.workspaceId).join(",")}}`}::uuid[], ${`{${missing.map((e) => e.id).join(",")}}`}::uuid[])
          AS k(workspace_id, id) ON e.workspace_id = k.workspace_id AND e.id = k.id`,
  );
  const raws = new Map(stored.map((r) => [r.id, r.raw]));
  for (const e of missing) e.raw = raws.get(e.id) ?? {};
}
