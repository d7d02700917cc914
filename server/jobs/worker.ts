import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import type { JobDefinition } from "./define-job";
import { claimJobs, completeJob, failJob, reapExpiredLeases, renewLease, type ClaimedJob } from "./job-leases";
import { JOB_DEFINITIONS } from "./registry";
import { onWake } from "./wake-workers";

export interface WorkerOptions {
  concurrency?: number;
  /** How often an idle worker looks for due jobs (it is also woken when a job is enqueued here). */
  pollMs?: number;
  leaseMs?: number;
  definitions?: ReadonlyMap<string, JobDefinition<unknown>>;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0];

/**
 * Runs due jobs, up to `concurrency` at a time, renewing each lease while its handler runs. Every process may
 * run one (the embedded server does; on Postgres `npm run worker` adds more): leases share the work.
 */
export class JobWorker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private readonly running = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly definitions: ReadonlyMap<string, JobDefinition<unknown>>;

  constructor(
    private readonly db: Db,
    options: WorkerOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 2;
    this.pollMs = options.pollMs ?? 1_000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.definitions = options.definitions ?? JOB_DEFINITIONS;
  }

  start(): this {
    const unsubscribe = onWake(() => this.wakeUp?.());
    this.loop = this.run().finally(unsubscribe);
    return this;
  }

  /** Stops claiming, lets running jobs finish for up to `graceMs`, then aborts them (their leases expire). */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping.abort();
    this.wakeUp?.();
    await this.loop;
    const drained = Promise.allSettled([...this.running.values()]);
    const timer = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([drained, timer]);
  }

  private async run(): Promise<void> {
    let lastReap = 0;
    while (!this.stopping.signal.aborted) {
      let claimed: ClaimedJob[] = [];
      try {
        if (Date.now() - lastReap > this.leaseMs / 2) {
          lastReap = Date.now();
          await reapExpiredLeases(this.db);
        }
        const free = this.concurrency - this.running.size;
        if (free > 0) claimed = await claimJobs(this.db, this.id, free, this.leaseMs);
      } catch (error) {
        console.error(`job worker: could not claim jobs: ${errorText(error)}`);
      }
      for (const job of claimed) {
        const done = this.execute(job).finally(() => {
          this.running.delete(job.id);
          this.wakeUp?.();
        });
        this.running.set(job.id, done);
      }
      if (claimed.length === 0 || this.running.size >= this.concurrency) await this.idle();
    }
  }

  private idle(): Promise<void> {
    // stop() may have come while claiming: its wake-up found no idle to end.
    if (this.stopping.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const definition = this.definitions.get(job.name);
    if (!definition) return failJob(this.db, this.id, job, `no job named "${job.name}" exists in this version`, true);
    const parsed = definition.input.safeParse(job.input);
    if (!parsed.success)
      return failJob(
        this.db,
        this.id,
        job,
        `invalid input: ${parsed.error.issues.map((i) => i.message).join("; ")}`,
        true,
      );

    const lease = new AbortController();
    const signal = AbortSignal.any([lease.signal, this.stopping.signal]);
    const renewal = setInterval(() => {
      renewLease(this.db, this.id, job.id, this.leaseMs)
        .then((held) => held || lease.abort())
        .catch(() => {});
    }, this.leaseMs / 3);
    try {
      await definition.handler({
        db: this.db,
        input: parsed.data,
        job: { id: job.id, workspaceId: job.workspaceId, attempt: job.attempts },
        signal,
      });
      clearInterval(renewal);
      await completeJob(this.db, this.id, job.id);
    } catch (error) {
      clearInterval(renewal);
      await failJob(this.db, this.id, job, errorText(error)).catch((e) =>
        console.error(`job worker: could not record a failure of ${job.name}: ${errorText(e)}`),
      );
    }
  }
}
