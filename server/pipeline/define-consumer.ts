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
  /**
   * After a step that did not fill its batch (it has caught up), wait this long before the next one, woken or
   * not: under a stream of small commits the events then come in batches instead of a step per commit. The
   * consumer's lag grows by up to this much; a backlog (full batches) runs without pauses.
   */
  pauseMs?: number;
  /**
   * The consumer reads only the shape of `raw` (keys and JSON types, never values): it may get the message this
   * process parsed when it stored the event (recent-messages.ts) instead of the stored JSON, which can differ in
   * key order and in credentials masked in the stored text; userId, anonymousId and timestamp are not read
   * (null). One consumer only may say so (messages are taken).
   */
  shapeOnly?: boolean;
  handle(tx: Db, events: PipelineEvent[]): Promise<void>;
}
