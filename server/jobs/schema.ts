import { z } from "zod";
import { JOB_STATUSES } from "@/db/schema/jobs";

export const listJobsSchema = z.object({ status: z.enum(JOB_STATUSES).optional() });
export const jobIdSchema = z.object({ jobId: z.uuid() });
export const runJobSchema = z.object({ name: z.string().min(1).max(100) });
