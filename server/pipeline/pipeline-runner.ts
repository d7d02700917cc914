import type { Db } from "@/db/client";
import type { PipelineConsumer } from "./define-consumer";
import { runConsumerStep } from "./run-consumer-step";
import { onPipelineWake } from "./wake-pipeline";

export interface RunnerOptions {
  /** How often an idle runner looks for new events when nothing woke it (another process may have written). */
  pollMs?: number;
  /** Wait after a failed step before trying again (the step is retried from the same cursor). */
  retryMs?: number;
}

/**
 * Runs each consumer until it has caught up, then sleeps until woken (events committed in this process) or the
 * poll interval passes. A failing step is logged and retried after a pause: its cursor did not move, so nothing
 * is skipped — the consumer is held up, the others go on.
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
      if (!busy) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.pollMs ?? 1_000);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
