import { identityConsumer } from "../identity/identity-consumer";
import type { PipelineConsumer } from "./define-consumer";

/** Every consumer of the event log, in the order a runner steps them. */
export const PIPELINE_CONSUMERS: PipelineConsumer[] = [identityConsumer];
