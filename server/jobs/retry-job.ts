import { and, eq, inArray } from "drizzle-orm";
import { jobs } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors";
import type { WorkspaceScope } from "../scope";
import { visibleJobs } from "./list-jobs";
import { wakeWorkers } from "./wake-workers";

/** Queues a failed or dead job again with a fresh set of attempts (its last error stays until it runs). */
export async function retryJob(scope: WorkspaceScope, jobId: string) {
  const job = await scope.db.transaction(async (tx) => {
    const [row] = await tx
      .update(jobs)
      .set({ status: "queued", attempts: 0, runAt: new Date(), finishedAt: null })
      .where(and(eq(jobs.id, jobId), visibleJobs(scope.workspaceId), inArray(jobs.status, ["failed", "dead"])))
      .returning({ id: jobs.id, name: jobs.name });
    if (!row) throw new AppError("NOT_FOUND", "No failed or dead job with this id in this workspace");
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "job.retry",
      targetType: "job",
      targetId: row.id,
      after: { job: row.name },
    });
    return row;
  });
  wakeWorkers();
  return job;
}
