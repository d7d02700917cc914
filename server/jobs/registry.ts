import type { JobDefinition } from "./define-job";
import { pruneRejectedEvents } from "./definitions/prune-rejected-events";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a map holds definitions of every input type
type AnyJobDefinition = JobDefinition<any>;

/** Definitions by id (also used by tests to run a worker over their own definitions). */
export const jobMap = (definitions: AnyJobDefinition[]): ReadonlyMap<string, JobDefinition<unknown>> =>
  new Map(definitions.map((d) => [d.id, d as JobDefinition<unknown>]));

/** Every kind of background job, by id. A job row whose name is not here fails with that reason. */
export const JOB_DEFINITIONS = jobMap([pruneRejectedEvents]);

export const jobDefinition = (id: string) => JOB_DEFINITIONS.get(id) ?? null;
