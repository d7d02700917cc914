import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import { retryDelayMs } from "./backoff";

/**
 * The lease protocol of the jobs table. A worker claims due jobs with FOR UPDATE SKIP LOCKED (two workers never
 * take the same row), holds each until locked_until and renews it while running; a job whose lease expired
 * belongs to a worker that died and is released by reapExpiredLeases. Every write after the claim checks
 * locked_by, so a worker that lost its lease cannot overwrite the outcome of the one that took over.
 */
export interface ClaimedJob {
  id: string;
  workspaceId: string | null;
  name: string;
  input: unknown;
  attempts: number;
  maxAttempts: number;
}

export async function claimJobs(db: Db, workerId: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
  return rows<ClaimedJob>(
    db,
    sql`UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_by = ${workerId},
               locked_until = now() + make_interval(secs => ${leaseMs / 1000})
        WHERE id IN (SELECT id FROM jobs WHERE status IN ('queued', 'failed') AND run_at <= now()
                     ORDER BY run_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING id, workspace_id AS "workspaceId", name, input, attempts, max_attempts AS "maxAttempts"`,
  );
}

/** Extends the lease; false when this worker no longer holds the job. */
export async function renewLease(db: Db, workerId: string, jobId: string, leaseMs: number): Promise<boolean> {
  const renewed = await rows(
    db,
    sql`UPDATE jobs SET locked_until = now() + make_interval(secs => ${leaseMs / 1000})
        WHERE id = ${jobId} AND locked_by = ${workerId} AND status = 'running' RETURNING 1`,
  );
  return renewed.length > 0;
}

export async function completeJob(db: Db, workerId: string, jobId: string): Promise<void> {
  await db.execute(
    sql`UPDATE jobs SET status = 'succeeded', finished_at = now(), locked_by = NULL, locked_until = NULL
        WHERE id = ${jobId} AND locked_by = ${workerId} AND status = 'running'`,
  );
}

/** A failed attempt: retried after the backoff delay, or dead once out of attempts (or when `permanent`). */
export async function failJob(
  db: Db,
  workerId: string,
  job: ClaimedJob,
  error: string,
  permanent = false,
): Promise<void> {
  const dead = permanent || job.attempts >= job.maxAttempts;
  await db.execute(
    sql`UPDATE jobs SET status = ${dead ? "dead" : "failed"}, last_error = ${error.slice(0, 2_000)},
               run_at = now() + make_interval(secs => ${dead ? 0 : retryDelayMs(job.attempts) / 1000}),
               finished_at = ${dead ? sql`now()` : sql`NULL`}, locked_by = NULL, locked_until = NULL
        WHERE id = ${job.id} AND locked_by = ${workerId} AND status = 'running'`,
  );
}

/**
 * Jobs whose worker stopped renewing (it died): failed and due again at once — the attempt counts, so a job
 * that kills its worker every time ends dead — or dead when out of attempts.
 */
export async function reapExpiredLeases(db: Db): Promise<string[]> {
  const reaped = await rows<{ id: string }>(
    db,
    sql`UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'failed' END,
               last_error = 'the worker running it stopped before finishing (its lease expired)',
               run_at = now(),
               finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
               locked_by = NULL, locked_until = NULL
        WHERE status = 'running' AND locked_until < now()
        RETURNING id`,
  );
  return reaped.map((r) => r.id);
}
