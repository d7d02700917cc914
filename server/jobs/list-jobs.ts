import { and, count, desc, eq, isNull, or } from "drizzle-orm";
import { jobs, JOB_STATUSES, type JobStatus } from "@/db/schema";
import type { WorkspaceScope } from "../scope";
import { JOB_DEFINITIONS } from "./registry";

const LIMIT = 100;

/** Jobs of the workspace and of the installation as a whole (retention and the like), for the Jobs page. */
export const visibleJobs = (workspaceId: string) => or(eq(jobs.workspaceId, workspaceId), isNull(jobs.workspaceId));

/** The latest jobs (optionally of one status) and how many are in each status. */
export async function listJobs(scope: WorkspaceScope, status?: JobStatus) {
  const visible = visibleJobs(scope.workspaceId);
  const [list, counts] = await Promise.all([
    scope.db
      .select({
        id: jobs.id,
        name: jobs.name,
        workspaceId: jobs.workspaceId,
        status: jobs.status,
        attempts: jobs.attempts,
        maxAttempts: jobs.maxAttempts,
        runAt: jobs.runAt,
        lastError: jobs.lastError,
        createdAt: jobs.createdAt,
        finishedAt: jobs.finishedAt,
      })
      .from(jobs)
      .where(status ? and(visible, eq(jobs.status, status)) : visible)
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(LIMIT),
    scope.db.select({ status: jobs.status, n: count() }).from(jobs).where(visible).groupBy(jobs.status),
  ]);
  const totals = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
  for (const row of counts) totals[row.status] = row.n;
  const kinds = [...JOB_DEFINITIONS.values()].map((d) => ({
    name: d.id,
    description: d.description,
    schedule: d.schedule ?? null,
  }));
  return {
    jobs: list.map((job) => ({
      ...job,
      description: JOB_DEFINITIONS.get(job.name)?.description ?? "a job this version does not know",
      system: job.workspaceId === null,
    })),
    totals,
    kinds,
  };
}
