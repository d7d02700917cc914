import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import { isoTime } from "@/db/iso-time";
import { encodeCursor, type PageParams } from "./page-params";

/**
 * A profile's identifiers from the identity graph, newest first: type, value (`id`, as Segment names it), the
 * source that first sent it, and when it was first and last seen. Keyset-paged on (first seen, type, value).
 */
export async function readExternalIds(db: Db, workspaceId: string, profileId: string, params: PageParams) {
  const after = params.next
    ? sql`AND (i.first_seen, i.type, i.value) < (${params.next[0]}::timestamptz, ${params.next[1]}, ${params.next[2]})`
    : sql``;
  const found = await rows<{
    type: string;
    value: string;
    source_id: string;
    source: string | null;
    first_seen: string;
    last_seen: string;
  }>(
    db,
    sql`SELECT i.type, i.value, i.source_id, s.name AS source,
               ${isoTime(sql`i.first_seen`)} AS first_seen, ${isoTime(sql`i.last_seen`)} AS last_seen
        FROM identities i
        LEFT JOIN sources s ON s.workspace_id = i.workspace_id AND s.id = i.source_id
        WHERE i.workspace_id = ${workspaceId} AND i.profile_id = ${profileId} ${after}
        ORDER BY i.first_seen DESC, i.type DESC, i.value DESC
        LIMIT ${params.limit + 1}`,
  );
  const page = found.slice(0, params.limit);
  const hasMore = found.length > params.limit;
  const last = page[page.length - 1];
  return {
    data: page.map((i) => ({
      type: i.type,
      id: i.value,
      source_id: i.source_id,
      source_name: i.source,
      first_seen: i.first_seen,
      last_seen: i.last_seen,
    })),
    hasMore,
    next: hasMore ? encodeCursor([last.first_seen, last.type, last.value]) : null,
  };
}
