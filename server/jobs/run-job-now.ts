import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors";
import type { WorkspaceScope } from "../scope";
import { enqueueJob } from "./enqueue-job";
import { jobDefinition } from "./registry";
import { wakeWorkers } from "./wake-workers";

/** Queues one run of a job kind now, with its default input — "run now" beside its schedule. */
export async function runJobNow(scope: WorkspaceScope, name: string) {
  const definition = jobDefinition(name);
  if (!definition) throw new AppError("NOT_FOUND", `There is no job named "${name}"`);
  const jobId = await scope.db.transaction(async (tx) => {
    const id = await enqueueJob(tx, definition, {});
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "job.run",
      targetType: "job",
      targetId: id,
      after: { job: name },
    });
    return id;
  });
  wakeWorkers();
  return { jobId };
}
