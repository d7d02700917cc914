import { and, desc, eq, gte, lt, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { rows } from "@/db/client";
import { events, rejectedEvents } from "@/db/schema";
import type { WorkspaceScope } from "../scope";
import { loadSource } from "../sources/get-source";
import { ACCEPTED_COLUMNS, presentAccepted, presentRejected, type EventView } from "./present-event";
import type { DebuggerFeedInput, FeedCursor } from "./schema";

/**
 * The live debugger polls for rows written since its last poll. Rows do not commit in the order they were
 * received (concurrent statements of the group-commit writer, a retried request, a slow database), so
 * received_at alone cannot say what is new: a row can become visible long after rows received later. The
 * writing transaction's id can, below the snapshot horizon (as the pipeline's cursor does, DESIGN §3a): every
 * transaction older than the horizon has finished, so the rows with `txid` between the previous poll's horizon
 * and this one's are exactly those that became visible in between — each row lands in one window, whenever it
 * committed and however long before it was received. That replaces the old 30-second look-back.
 *
 * The horizon is the whole server's (a long transaction in any database holds it back), so for liveness a poll
 * also returns the rows received since the newest one shown, visible or not yet below the horizon; such a row
 * comes again once its window passes, and the browser drops ids it has shown (use-debugger-feed.ts).
 */
const ZERO_ID = "00000000-0000-0000-0000-000000000000";

const newestFirst = (a: EventView, b: EventView) =>
  b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * What a poll reads of one table: without a cursor, its latest rows; with one, the rows in the horizon's window
 * and the rows received since the newest shown — two reads, each bounded by an index (events by (txid, id), both
 * tables by source and time; an OR of the two would scan a source's whole history on an idle poll).
 */
function sinceCursor(
  txid: AnyColumn,
  receivedAt: AnyColumn,
  cursor: FeedCursor | undefined,
  horizon: string,
): (SQL | undefined)[] {
  if (!cursor) return [undefined];
  const received = gte(receivedAt, cursor.at);
  if (cursor.horizon === undefined) return [received]; // a cursor handed out before horizons
  return [and(gte(txid, sql`${cursor.horizon}::xid8`), lt(txid, sql`${horizon}::xid8`)), received];
}

/** Rows of several reads, each id once. */
function distinct<T extends { id: string }>(reads: T[][]): T[] {
  const seen = new Set<string>();
  return reads.flat().filter((row) => !seen.has(row.id) && seen.add(row.id));
}

/**
 * The source's live debugger: its accepted and refused events, newest first, merged (at most `limit`, the
 * newest ones). Without a cursor, the latest rows; with one, the rows written since it was handed out (see
 * above). `cursor` is where the next call resumes: the horizon of this read, and the newest row shown so far.
 */
export async function debuggerFeed(scope: WorkspaceScope, input: DebuggerFeedInput) {
  const { workspaceId, db } = scope;
  await loadSource(db, workspaceId, input.sourceId);
  const [{ horizon }] = await rows<{ horizon: string }>(
    db,
    sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon`,
  );
  const acceptedReads = sinceCursor(events.txid, events.receivedAt, input.after, horizon).map((since) =>
    db
      .select(ACCEPTED_COLUMNS)
      .from(events)
      .where(and(eq(events.workspaceId, workspaceId), eq(events.sourceId, input.sourceId), since))
      .orderBy(desc(events.receivedAt), desc(events.id))
      .limit(input.limit),
  );
  const rejectedReads = sinceCursor(rejectedEvents.txid, rejectedEvents.receivedAt, input.after, horizon).map((since) =>
    db
      .select({
        id: rejectedEvents.id,
        sourceId: rejectedEvents.sourceId,
        receivedAt: rejectedEvents.receivedAt,
        reason: rejectedEvents.reason,
        batchIndex: rejectedEvents.batchIndex,
        payload: rejectedEvents.payload,
      })
      .from(rejectedEvents)
      .where(and(eq(rejectedEvents.workspaceId, workspaceId), eq(rejectedEvents.sourceId, input.sourceId), since))
      .orderBy(desc(rejectedEvents.receivedAt), desc(rejectedEvents.id))
      .limit(input.limit),
  );
  const [accepted, rejected] = await Promise.all([
    Promise.all(acceptedReads).then(distinct),
    Promise.all(rejectedReads).then(distinct),
  ]);
  const items = [
    ...accepted.map((r) => presentAccepted(r, scope.role)),
    ...rejected.map((r) => presentRejected(r, scope.role)),
  ]
    .sort(newestFirst)
    .slice(0, input.limit);
  const previous = input.after ? { at: input.after.at, id: input.after.id } : null;
  const shown = items[0]?.cursor;
  const newest = !shown || (previous && Date.parse(previous.at) > Date.parse(shown.at)) ? previous : shown;
  const cursor: FeedCursor = { ...(newest ?? { at: new Date().toISOString(), id: ZERO_ID }), horizon };
  return { items, cursor };
}
