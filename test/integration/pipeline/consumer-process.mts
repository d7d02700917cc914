/**
 * A pipeline runner in a process of its own, for the exactly-once kill test (event-cursor.test.ts). It runs
 * one consumer, "once-each", that writes one row per event into `processed` (no unique key: a repeat would
 * show as a second row) in the step's transaction, slowly (small steps, a pause in each), and prints a JSON
 * line per handled step: { handled }. Once the consumer has caught up with every stored event it prints
 * { done: true }, stops the runner and exits. Database: DATABASE_URL, else the PGlite folder CDP_DATA_DIR.
 *
 *   node --import tsx test/integration/pipeline/consumer-process.mts
 */
import { databaseHandle } from "@/server/database";
import { rawQuery } from "@/db/raw-query";
import type { PipelineConsumer } from "@/server/pipeline/define-consumer";
import { PipelineRunner } from "@/server/pipeline/pipeline-runner";

const handle = await databaseHandle();
await rawQuery(
  handle.db,
  `CREATE TABLE IF NOT EXISTS processed (event_id uuid NOT NULL, message_id text NOT NULL)`,
  [],
);

const consumer: PipelineConsumer = {
  id: "once-each",
  batchSize: 20,
  async handle(tx, events) {
    await rawQuery(tx, `INSERT INTO processed SELECT * FROM unnest($1::uuid[], $2::text[])`, [
      events.map((e) => e.id),
      events.map((e) => String(e.raw.messageId)),
    ]);
    await rawQuery(tx, `SELECT pg_sleep(0.01)`, []); // slow enough to be killed mid-stream
    console.log(JSON.stringify({ handled: events.length }));
  },
};
const runner = new PipelineRunner(handle.db, [consumer], { pollMs: 50, retryMs: 100 }).start();

const behind = async () =>
  (
    await rawQuery<{ n: number }>(
      handle.db,
      `SELECT count(*)::int AS n FROM events e LEFT JOIN pipeline_cursors c ON c.consumer = 'once-each'
       WHERE c.consumer IS NULL OR (e.txid, e.id) > (c.txid, c.event_id)`,
      [],
    )
  )[0].n;
while ((await behind()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
console.log(JSON.stringify({ done: true }));
await runner.stop();
await handle.close();
process.exit(0);
