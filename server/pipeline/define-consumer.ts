import type { Db } from "@/db/client";

/** One event as a pipeline consumer sees it. */
export interface PipelineEvent {
  workspaceId: string;
  id: string;
  txid: string;
  sourceId: string;
  type: string;
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  /** ISO 8601, UTC. */
  timestamp: string;
  receivedAt: string;
  raw: Record<string, unknown>;
}

/**
 * A consumer of the event log (identity, computed traits, segment membership, journey triggers …). `handle`
 * runs inside the transaction that advances the consumer's cursor: whatever it writes with `tx` commits with
 * the new position or not at all, so each event takes effect exactly once per consumer.
 */
export interface PipelineConsumer {
  id: string;
  /** Events per step (default 500): the step's transaction stays short. */
  batchSize?: number;
  handle(tx: Db, events: PipelineEvent[]): Promise<void>;
}
