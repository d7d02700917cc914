import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * queued: waiting for its run_at · running: leased by a worker until locked_until · failed: an attempt
 * failed, retried at run_at (backoff) · dead: out of attempts, kept with its last error · succeeded.
 */
export const JOB_STATUSES = ["queued", "running", "failed", "dead", "succeeded"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Background work shared by every worker process through leases (FOR UPDATE SKIP LOCKED). */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey(),
    /** Null for work that belongs to no single workspace (retention across the installation, say). */
    workspaceId: uuid("workspace_id"),
    name: text("name").notNull(),
    input: jsonb("input").notNull().default({}),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull(),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("jobs_due_idx").on(t.status, t.runAt), index("jobs_name_idx").on(t.name, t.createdAt)],
);

/** One row per (recurring job, cron slot): whichever scheduler inserts it first enqueues that run. */
export const jobScheduleSlots = pgTable(
  "job_schedule_slots",
  {
    name: text("name").notNull(),
    slot: timestamp("slot", { withTimezone: true }).notNull(),
    jobId: uuid("job_id").notNull(),
    claimedBy: text("claimed_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.slot] })],
);
