import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import { isoTime } from "@/db/iso-time";
import { encodeCursor, type PageParams } from "./page-params";

/**
 * A profile's events, newest first by event time (then id), through profile_events — the index a merge
 * re-points — and keyset-paged on (timestamp, event id) along profile_events_profile_idx. Each event as stored:
 * type, name, time, properties (traits for identify and group calls).
 */
export async function readEvents(db: Db, workspaceId: string, profileId: string, params: PageParams) {
  const after = params.next
    ? sql`AND (pe.timestamp, pe.event_id) < (${params.next[0]}::timestamptz, ${params.next[1]}::uuid)`
    : sql``;
  const found = await rows<{
    id: string;
    message_id: string;
    type: string;
    event: string | null;
    timestamp: string;
    received_at: string;
    source_id: string;
    user_id: string | null;
    anonymous_id: string | null;
    properties: unknown;
    traits: unknown;
  }>(
    db,
    sql`SELECT e.id, e.message_id, e.type, e.event, ${isoTime(sql`pe.timestamp`)} AS timestamp,
               ${isoTime(sql`e.received_at`)} AS received_at, e.source_id, e.user_id, e.anonymous_id,
               e.raw->'properties' AS properties, e.raw->'traits' AS traits
        FROM profile_events pe
        JOIN events e ON e.workspace_id = pe.workspace_id AND e.id = pe.event_id
        WHERE pe.workspace_id = ${workspaceId} AND pe.profile_id = ${profileId} ${after}
        ORDER BY pe.timestamp DESC, pe.event_id DESC
        LIMIT ${params.limit + 1}`,
  );
  const page = found.slice(0, params.limit);
  const hasMore = found.length > params.limit;
  const last = page[page.length - 1];
  return {
    data: page.map((e) => ({
      id: e.id,
      message_id: e.message_id,
      type: e.type,
      event: e.event,
      timestamp: e.timestamp,
      received_at: e.received_at,
      source_id: e.source_id,
      user_id: e.user_id,
      anonymous_id: e.anonymous_id,
      properties: e.properties ?? {},
      ...(e.type === "identify" || e.type === "group" ? { traits: e.traits ?? {} } : {}),
    })),
    hasMore,
    next: hasMore ? encodeCursor([last.timestamp, last.id]) : null,
  };
}
