import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import type { PipelineConsumer } from "./define-consumer";
import { runConsumerStep } from "./run-consumer-step";

/** Raised when a consumer could not reach the events committed before the drain began. */
export class PipelineDrainTimeout extends Error {
  constructor(consumer: string, ms: number) {
    super(
      `pipeline ${consumer}: not caught up within ${ms} ms (a long-open transaction holds the horizon back, or its steps fail)`,
    );
    this.name = "PipelineDrainTimeout";
  }
}

/**
 * Runs each consumer until it has processed every event committed before this call (tests, the demo's
 * backfill, tools). A step reads only below the snapshot horizon, so it may find nothing while another
 * transaction — in any database of the server — is still open: the drain then waits for the horizon to pass,
 * up to `timeoutMs`. A failing step throws. Returns how many events the consumers processed, all together.
 */
export async function drainPipeline(
  db: Db,
  consumers: PipelineConsumer[],
  { timeoutMs = 30_000 }: { timeoutMs?: number } = {},
): Promise<number> {
  const [newest] = await rows<{ txid: string; id: string }>(
    db,
    sql`SELECT txid::text, id::text FROM events ORDER BY events.txid DESC, events.id DESC LIMIT 1`,
  );
  let processed = 0;
  if (!newest) return processed;
  for (const consumer of consumers) {
    const deadline = Date.now() + timeoutMs;
    while (!(await reached(db, consumer.id, newest))) {
      const n = await runConsumerStep(db, consumer);
      processed += n;
      if (n > 0) continue;
      if (Date.now() > deadline) throw new PipelineDrainTimeout(consumer.id, timeoutMs);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  return processed;
}

async function reached(db: Db, consumer: string, target: { txid: string; id: string }): Promise<boolean> {
  const [row] = await rows<{ reached: boolean }>(
    db,
    sql`SELECT (txid, event_id) >= (${target.txid}::xid8, ${target.id}::uuid) AS reached
        FROM pipeline_cursors WHERE consumer = ${consumer}`,
  );
  return row?.reached === true;
}
