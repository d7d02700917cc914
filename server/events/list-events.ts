import { and, desc, eq, gte, inArray, lt, lte, or, type SQL } from "drizzle-orm";
import { events } from "@/db/schema";
import { assertMaySearch } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";
import { eventNameMatches } from "./event-name-matches";
import { ACCEPTED_COLUMNS, presentAccepted } from "./present-event";
import type { ListEventsInput } from "./schema";

/**
 * One page of the workspace's accepted events, newest first (keyset on received_at, id). Every filter is an
 * equality or a range on an indexed column, so each query starts from one of the events indexes.
 * The event name matches without case. A role without pii:read may not filter by a personal value (an
 * email as user, say): the answer alone would tell whether that person's events exist.
 * `nextCursor` is null on the last page.
 */
export async function listEvents(scope: WorkspaceScope, input: ListEventsInput) {
  assertMaySearch(scope.role, "user", input.user);
  assertMaySearch(scope.role, "event name", input.event);
  const filters: (SQL | undefined)[] = [eq(events.workspaceId, scope.workspaceId)];
  if (input.sourceId) filters.push(eq(events.sourceId, input.sourceId));
  if (input.type) filters.push(eq(events.type, input.type));
  if (input.event) filters.push(inArray(events.event, await eventNameMatches(scope, input.event)));
  if (input.user) filters.push(or(eq(events.userId, input.user), eq(events.anonymousId, input.user)));
  if (input.from) filters.push(gte(events.receivedAt, input.from.toISOString()));
  if (input.to) filters.push(lte(events.receivedAt, input.to.toISOString()));
  if (input.before) {
    const { at, id } = input.before;
    filters.push(lte(events.receivedAt, at), or(lt(events.receivedAt, at), lt(events.id, id)));
  }
  const rows = await scope.db
    .select(ACCEPTED_COLUMNS)
    .from(events)
    .where(and(...filters))
    .orderBy(desc(events.receivedAt), desc(events.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit).map((row) => presentAccepted(row, scope.role));
  return { events: page, nextCursor: rows.length > input.limit ? page[page.length - 1].cursor : null };
}
