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
  /** Consumers with a pause (PipelineConsumer.pauseMs) wait after a step that did not fill its batch. */
  private readonly pausedUntil = new Map<string, number>();

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
        if (this.waiting(consumer.id) || this.stopped) continue;
        try {
          const processed = await runConsumerStep(this.db, consumer);
          busy = processed > 0 || busy;
          if (consumer.pauseMs && processed > 0 && processed < (consumer.batchSize ?? 500))
            this.pausedUntil.set(consumer.id, Date.now() + consumer.pauseMs);
        } catch (error) {
          this.failedUntil.set(consumer.id, Date.now() + (this.options.retryMs ?? 5_000));
          console.error(
            `pipeline ${consumer.id}: step failed, retrying: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
          );
        }
      }
      if (!busy) {
        const base = (await this.heldBack()) ? (this.options.heldBackMs ?? 20) : (this.options.pollMs ?? 1_000);
        const pauses = [...this.pausedUntil.values()].filter((at) => at > Date.now());
        await this.idle(Math.max(0, Math.min(base, ...pauses.map((at) => at - Date.now()))));
      }
    }
  }

  /** Whether a consumer waits out a failure or its pause. */
  private waiting(id: string): boolean {
    const now = Date.now();
    return (this.failedUntil.get(id) ?? 0) > now || (this.pausedUntil.get(id) ?? 0) > now;
  }

  /** Whether a consumer has events stored after its cursor that it could not read yet. */
  private async heldBack(): Promise<boolean> {
    // A consumer waiting out a failure or a pause is not held back by the horizon: it waits for its time.
    const ids = this.consumers.map((c) => c.id).filter((id) => !this.waiting(id));
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
    // stop() may have come while a step or the horizon check ran: its wake-up found no idle to end.
    if (this.stopped) return Promise.resolve();
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
