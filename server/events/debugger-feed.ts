import { and, desc, eq, gt, gte, or, type AnyColumn } from "drizzle-orm";
import { events, rejectedEvents } from "@/db/schema";
import type { WorkspaceScope } from "../scope";
import { loadSource } from "../sources/get-source";
import { ACCEPTED_COLUMNS, presentAccepted, presentRejected, type EventView } from "./present-event";
import type { DebuggerFeedInput, EventCursor } from "./schema";

/** (received_at, id) > cursor, written so the (workspace, source, received_at) index bounds the scan. */
function newerThan(receivedAt: AnyColumn, id: AnyColumn, cursor: EventCursor | undefined) {
  if (!cursor) return undefined;
  return and(gte(receivedAt, cursor.at), or(gt(receivedAt, cursor.at), gt(id, cursor.id)));
}

const newestFirst = (a: EventView, b: EventView) =>
  b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * The source's live debugger: its latest accepted and refused events, newest first, merged. With a cursor,
 * only rows received after it (at most `limit`, the newest ones). `cursor` is where the next call resumes.
 */
export async function debuggerFeed(scope: WorkspaceScope, input: DebuggerFeedInput) {
  const { workspaceId, db } = scope;
  await loadSource(db, workspaceId, input.sourceId);
  const [accepted, rejected] = await Promise.all([
    db
      .select(ACCEPTED_COLUMNS)
      .from(events)
      .where(and(eq(events.workspaceId, workspaceId), eq(events.sourceId, input.sourceId), newerThan(events.receivedAt, events.id, input.after)))
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
          newerThan(rejectedEvents.receivedAt, rejectedEvents.id, input.after),
        ),
      )
      .orderBy(desc(rejectedEvents.receivedAt), desc(rejectedEvents.id))
      .limit(input.limit),
  ]);
  const items = [...accepted.map((r) => presentAccepted(r, scope.role)), ...rejected.map((r) => presentRejected(r, scope.role))]
    .sort(newestFirst)
    .slice(0, input.limit);
  return { items, cursor: items[0]?.cursor ?? input.after ?? null };
}
