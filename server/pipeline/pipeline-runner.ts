import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import type { PipelineConsumer } from "./define-consumer";
import { runConsumerStep } from "./run-consumer-step";
import { onPipelineWake } from "./wake-pipeline";

export interface RunnerOptions {
  /** How often an idle runner looks for new events when nothing woke it (another process may have written). */
  pollMs?: number;
  /** Wait after a failed step before trying again (the step is retried from the same cursor). */
  retryMs?: number;
  /** How soon to look again when committed events wait behind an open transaction (the horizon). */
  heldBackMs?: number;
}

/**
 * Runs each consumer until it has caught up, then sleeps until woken (events committed in this process) or the
 * poll interval passes. A failing step is logged and retried after a pause: its cursor did not move, so nothing
 * is skipped — the consumer is held up, the others go on. When a step finds nothing it may read yet although
 * events are stored after its cursor (an older transaction, in any database of the server, is still open: the
 * horizon holds them back), the runner looks again shortly rather than at its next poll.
 */
export class PipelineRunner {
  private stopped = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private readonly failedUntil = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly consumers: PipelineConsumer[],
    private readonly options: RunnerOptions = {},
  ) {}

  start(): this {
    const unsubscribe = onPipelineWake(() => this.wakeUp?.());
    this.loop = this.run().finally(unsubscribe);
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeUp?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let busy = false;
      for (const consumer of this.consumers) {
        if ((this.failedUntil.get(consumer.id) ?? 0) > Date.now() || this.stopped) continue;
        try {
          busy = (await runConsumerStep(this.db, consumer)) > 0 || busy;
        } catch (error) {
          this.failedUntil.set(consumer.id, Date.now() + (this.options.retryMs ?? 5_000));
          console.error(
            `pipeline ${consumer.id}: step failed, retrying: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
          );
        }
      }
      if (!busy)
        await this.idle((await this.heldBack()) ? (this.options.heldBackMs ?? 20) : (this.options.pollMs ?? 1_000));
    }
  }

  /** Whether a consumer has events stored after its cursor that it could not read yet. */
  private async heldBack(): Promise<boolean> {
    // A consumer waiting out a failure is not held back by the horizon: it waits for its retry.
    const ids = this.consumers.map((c) => c.id).filter((id) => (this.failedUntil.get(id) ?? 0) <= Date.now());
    if (ids.length === 0) return false;
    try {
      const [row] = await rows<{ waiting: boolean }>(
        this.db,
        sql`SELECT EXISTS (
              SELECT 1 FROM pipeline_cursors c
              WHERE c.consumer IN ${ids}
                AND EXISTS (SELECT 1 FROM events e WHERE (e.txid, e.id) > (c.txid, c.event_id))) AS waiting`,
      );
      return row?.waiting === true;
    } catch {
      return false; // the next step reports what is wrong
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
