import type { z } from "zod";
import type { Db } from "@/db/client";

export interface JobContext<Input> {
  db: Db;
  input: Input;
  job: { id: string; workspaceId: string | null; attempt: number };
  /** Aborted when the worker stops (graceful shutdown) or loses the lease: throw at the next safe point (`signal.throwIfAborted()`), so the job is retried rather than recorded as done. */
  signal: AbortSignal;
}

/**
 * A kind of background work: `definitions/<id>.ts` exports one. Input is validated with `input` when the job
 * is enqueued and again when it runs. `schedule` (a cron expression, UTC) makes it recurring: it then runs
 * once per slot however many schedulers are up.
 */
export interface JobDefinition<Input = unknown> {
  id: string;
  description: string;
  input: z.ZodType<Input>;
  handler(context: JobContext<Input>): Promise<void>;
  schedule?: string;
  /** Attempts before the job is dead (default 5). */
  maxAttempts?: number;
}

export const defineJob = <Input>(definition: JobDefinition<Input>): JobDefinition<Input> => definition;
