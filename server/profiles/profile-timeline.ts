import { and, desc, eq, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { events, profileEvents } from "@/db/schema";
import { eventNameMatches } from "../events/event-name-matches";
import { ACCEPTED_COLUMNS, presentAccepted } from "../events/present-event";
import { assertMaySearch } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";
import type { ProfileTimelineInput } from "./schema";

/** A profile's events across all its identifiers, newest received first, filterable by type and name. */
export async function profileTimeline(scope: WorkspaceScope, input: ProfileTimelineInput) {
  assertMaySearch(scope.role, "event name", input.event);
  const w = scope.workspaceId;
  const survivor = sql`(SELECT coalesce(merged_into, id) FROM profiles WHERE workspace_id = ${w} AND id = ${input.profileId})`;
  const filters: (SQL | undefined)[] = [eq(profileEvents.workspaceId, w), eq(profileEvents.profileId, survivor)];
  if (input.type) filters.push(eq(events.type, input.type));
  if (input.event) filters.push(inArray(events.event, await eventNameMatches(scope, input.event)));
  if (input.before) {
    const { at, id } = input.before;
    filters.push(lte(events.receivedAt, at), or(lt(events.receivedAt, at), lt(events.id, id)));
  }
  const found = await scope.db
    .select(ACCEPTED_COLUMNS)
    .from(profileEvents)
    .innerJoin(events, and(eq(events.workspaceId, profileEvents.workspaceId), eq(events.id, profileEvents.eventId)))
    .where(and(...filters))
    .orderBy(desc(events.receivedAt), desc(events.id))
    .limit(input.limit + 1);
  const page = found.slice(0, input.limit).map((row) => presentAccepted(row, scope.role));
  return { events: page, nextCursor: found.length > input.limit ? page[page.length - 1].cursor : null };
}
