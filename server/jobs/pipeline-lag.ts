import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { CONSUMER_NAMES, PIPELINE_CONSUMERS } from "../pipeline/consumers";
import type { WorkspaceScope } from "../scope";

/** Counting stops here: a backlog this long reads "10,000 or more", and the count stays cheap. */
export const LAG_COUNT_LIMIT = 10_000;

export interface ConsumerLag {
  id: string;
  /** What the console calls it ("Identity resolution"). */
  name: string;
  /** The workspace's events the consumer has not processed yet (at most LAG_COUNT_LIMIT). */
  behind: number;
  /** Whether there are more than `behind`. */
  atLeast: boolean;
  /** When the first of those events was received: how long the backlog has waited. Null when caught up. */
  oldestWaitingSince: Date | null;
  /** When the consumer last moved its cursor (processed a step of anyone's events); null if it never ran. */
  lastAdvancedAt: Date | null;
}

/**
 * How far behind each pipeline consumer is for the workspace: its events after the consumer's cursor, and when
 * the oldest of them was received. A consumer's cursor is one for the whole installation (it reads every
 * workspace's events in commit order); only this workspace's events are counted and shown.
 */
export async function pipelineLag(scope: WorkspaceScope): Promise<{ consumers: ConsumerLag[] }> {
  const lags = await Promise.all(
    PIPELINE_CONSUMERS.map(async ({ id }): Promise<ConsumerLag> => {
      const [cursor] = await rows<{ txid: string; event_id: string; updated_at: Date | string }>(
        scope.db,
        sql`SELECT txid::text, event_id::text, updated_at FROM pipeline_cursors WHERE consumer = ${id}`,
      );
      const after = sql`workspace_id = ${scope.workspaceId}
        AND (txid, id) > (${cursor?.txid ?? "0"}::xid8, ${cursor?.event_id ?? "00000000-0000-0000-0000-000000000000"}::uuid)`;
      const [[{ n }], [oldest]] = await Promise.all([
        rows<{ n: number }>(
          scope.db,
          sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM events WHERE ${after} LIMIT ${LAG_COUNT_LIMIT + 1}) AS waiting`,
        ),
        // The next event in the consumer's order has waited longest (give or take a late commit).
        rows<{ received_at: Date | string }>(
          scope.db,
          sql`SELECT received_at FROM events WHERE ${after} ORDER BY txid, id LIMIT 1`,
        ),
      ]);
      return {
        id,
        name: CONSUMER_NAMES[id] ?? id,
        behind: Math.min(n, LAG_COUNT_LIMIT),
        atLeast: n > LAG_COUNT_LIMIT,
        oldestWaitingSince: oldest ? new Date(oldest.received_at) : null,
        lastAdvancedAt: cursor && cursor.txid !== "0" ? new Date(cursor.updated_at) : null,
      };
    }),
  );
  return { consumers: lags };
}
