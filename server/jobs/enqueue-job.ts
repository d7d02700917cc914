import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { jobs } from "@/db/schema";
import { AppError } from "../errors";
import type { JobDefinition } from "./define-job";

export interface EnqueueOptions {
  workspaceId?: string | null;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** The job's id, when the caller must know it first (default: a new UUIDv7). */
  id?: string;
}

/**
 * Queues one run of `definition` with `input`, validated now so a bad input is refused to the caller instead
 * of failing later in a worker. Pass a transaction as `db` to enqueue together with the caller's changes.
 */
export async function enqueueJob<Input>(
  db: Db,
  definition: JobDefinition<Input>,
  input: unknown,
  options: EnqueueOptions = {},
): Promise<string> {
  const parsed = definition.input.safeParse(input ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message))
      .join("; ");
    throw new AppError("BAD_REQUEST", `Invalid input for job ${definition.id}: ${problems}`);
  }
  const id = options.id ?? uuidv7();
  await db.insert(jobs).values({
    id,
    workspaceId: options.workspaceId ?? null,
    name: definition.id,
    input: parsed.data as object,
    maxAttempts: definition.maxAttempts ?? 5,
    runAt: options.runAt ?? new Date(),
  });
  return id;
}
