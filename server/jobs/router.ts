import { procedure, router } from "../trpc/init";
import { listJobs } from "./list-jobs";
import { pipelineLag } from "./pipeline-lag";
import { retryJob } from "./retry-job";
import { runJobNow } from "./run-job-now";
import { jobIdSchema, listJobsSchema, runJobSchema } from "./schema";

export const jobsRouter = router({
  list: procedure("jobs:read")
    .input(listJobsSchema)
    .query(({ ctx, input }) => listJobs(ctx.scope, input.status)),
  pipelineLag: procedure("jobs:read").query(({ ctx }) => pipelineLag(ctx.scope)),
  retry: procedure("jobs:manage")
    .input(jobIdSchema)
    .mutation(({ ctx, input }) => retryJob(ctx.scope, input.jobId)),
  runNow: procedure("jobs:manage")
    .input(runJobSchema)
    .mutation(({ ctx, input }) => runJobNow(ctx.scope, input.name)),
});
