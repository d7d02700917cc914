import { and, desc, eq, gte, type AnyColumn } from "drizzle-orm";
import { events, rejectedEvents } from "@/db/schema";
import type { WorkspaceScope } from "../scope";
import { loadSource } from "../sources/get-source";
import { ACCEPTED_COLUMNS, presentAccepted, presentRejected, type EventView } from "./present-event";
import type { DebuggerFeedInput, EventCursor } from "./schema";

/**
 * Rows do not commit in the order they were received: concurrent statements of the group-commit writer, a
 * retried request or a slow database can commit a row after rows received later than it. A poll therefore
 * looks back this far before its cursor, and the browser drops the rows it already has.
 */
export const LATE_COMMIT_WINDOW_MS = 30_000;

/** received_at within the window before the cursor or later; the (workspace, source, received_at) index bounds the scan. */
function sinceCursor(receivedAt: AnyColumn, cursor: EventCursor | undefined) {
  if (!cursor) return undefined;
  return gte(receivedAt, new Date(Date.parse(cursor.at) - LATE_COMMIT_WINDOW_MS).toISOString());
}

const newestFirst = (a: EventView, b: EventView) =>
  b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * The source's live debugger: its latest accepted and refused events, newest first, merged (at most `limit`,
 * the newest ones). With a cursor, only rows received after it or within LATE_COMMIT_WINDOW_MS before it.
 * `cursor` is where the next call resumes.
 */
export async function debuggerFeed(scope: WorkspaceScope, input: DebuggerFeedInput) {
  const { workspaceId, db } = scope;
  await loadSource(db, workspaceId, input.sourceId);
  const [accepted, rejected] = await Promise.all([
    db
      .select(ACCEPTED_COLUMNS)
      .from(events)
      .where(
        and(
          eq(events.workspaceId, workspaceId),
          eq(events.sourceId, input.sourceId),
          sinceCursor(events.receivedAt, input.after),
        ),
      )
      .orderBy(desc(events.receivedAt), desc(events.id))
      .limit(input.limit),
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
      .where(
        and(
          eq(rejectedEvents.workspaceId, workspaceId),
          eq(rejectedEvents.sourceId, input.sourceId),
          sinceCursor(rejectedEvents.receivedAt, input.after),
        ),
      )
      .orderBy(desc(rejectedEvents.receivedAt), desc(rejectedEvents.id))
      .limit(input.limit),
  ]);
  const items = [
    ...accepted.map((r) => presentAccepted(r, scope.role)),
    ...rejected.map((r) => presentRejected(r, scope.role)),
  ]
    .sort(newestFirst)
    .slice(0, input.limit);
  const newest = items[0]?.cursor;
  const cursor =
    input.after && (!newest || Date.parse(input.after.at) > Date.parse(newest.at)) ? input.after : (newest ?? null);
  return { items, cursor };
}
