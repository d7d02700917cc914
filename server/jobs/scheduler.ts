import { Cron } from "croner";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import type { JobDefinition } from "./define-job";
import { enqueueJob } from "./enqueue-job";
import { JOB_DEFINITIONS } from "./registry";
import { wakeWorkers } from "./wake-workers";

export interface SchedulerOptions {
  tickMs?: number;
  definitions?: ReadonlyMap<string, JobDefinition<unknown>>;
  now?: () => Date;
}

/** The latest slot of `schedule` (cron, UTC) at or before `now`, or null. */
export function latestSlot(schedule: string, now: Date): Date | null {
  return new Cron(schedule, { timezone: "UTC", paused: true }).previousRuns(1, now)[0] ?? null;
}

/**
 * Enqueues recurring jobs once per cron slot, however many schedulers run: the first to insert the
 * (job, slot) row enqueues the run in the same transaction; the others find the row taken. A slot missed
 * while no scheduler was up runs once when one starts (only the latest slot, not every missed one).
 */
export class JobScheduler {
  readonly id = `${hostname()}:${process.pid}`;
  private timer: NodeJS.Timeout | null = null;
  private readonly definitions: ReadonlyMap<string, JobDefinition<unknown>>;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly options: SchedulerOptions = {},
  ) {
    this.definitions = options.definitions ?? JOB_DEFINITIONS;
    this.now = options.now ?? (() => new Date());
  }

  start(): this {
    const tick = () => {
      this.tick()
        .catch((error) => console.error(`job scheduler: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.options.tickMs ?? 15_000).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Claims the latest slot of every recurring job; returns the ids of the jobs this call enqueued. */
  async tick(): Promise<string[]> {
    const enqueued: string[] = [];
    for (const definition of this.definitions.values()) {
      if (!definition.schedule) continue;
      const slot = latestSlot(definition.schedule, this.now());
      if (!slot) continue;
      const jobId = await this.db.transaction(async (tx) => {
        const id = uuidv7();
        const claimed = await rows(
          tx,
          sql`INSERT INTO job_schedule_slots (name, slot, job_id, claimed_by)
              VALUES (${definition.id}, ${slot.toISOString()}, ${id}, ${this.id})
              ON CONFLICT DO NOTHING RETURNING 1`,
        );
        if (claimed.length === 0) return null;
        return enqueueJob(tx, definition, {}, { id });
      });
      if (jobId) enqueued.push(jobId);
    }
    if (enqueued.length > 0) wakeWorkers();
    return enqueued;
  }
}
