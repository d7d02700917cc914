import type { JobDefinition } from "./define-job";
import { pruneRejectedEvents } from "./definitions/prune-rejected-events";

/** Every kind of background job, by id. A job row whose name is not here fails with that reason. */
const definitions: JobDefinition<never>[] = [pruneRejectedEvents as JobDefinition<never>];

export const JOB_DEFINITIONS: ReadonlyMap<string, JobDefinition<unknown>> = new Map(
  definitions.map((d) => [d.id, d as unknown as JobDefinition<unknown>]),
);

export const jobDefinition = (id: string) => JOB_DEFINITIONS.get(id) ?? null;
