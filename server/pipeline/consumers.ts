import { catalogConsumer } from "../catalog/catalog-consumer";
import { identityConsumer } from "../identity/identity-consumer";
import type { PipelineConsumer } from "./define-consumer";

/** Every consumer of the event log, in the order a runner steps them. */
export const PIPELINE_CONSUMERS: PipelineConsumer[] = [identityConsumer, catalogConsumer];

/** What the console calls each consumer (the Jobs page's pipeline lag). */
export const CONSUMER_NAMES: Record<string, string> = {
  identity: "Identity resolution",
  catalog: "Event catalog",
};
