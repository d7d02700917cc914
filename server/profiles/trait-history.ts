import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { isoTime } from "@/db/iso-time";
import { privacyFor } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";
import { maskTrait } from "./mask-trait";

/**
 * Every value a profile's trait was given, newest first by event time, with its source (or enrichment file)
 * and event; `current` marks the value the golden record kept, which under first-seen, most-frequent or
 * source-priority survivorship need not be the newest.
 */
export async function traitHistory(scope: WorkspaceScope, profileId: string, name: string) {
  const found = await rows<{
    value: unknown;
    event_time: string;
    source: string | null;
    event_id: string;
    current: boolean;
  }>(
    scope.db,
    sql`SELECT h.value, ${isoTime(sql`h.event_time`)} AS event_time, coalesce(s.name, f.name) AS source, h.event_id,
               coalesce(t.event_id = h.event_id, false) AS current
        FROM trait_history h LEFT JOIN sources s ON s.workspace_id = h.workspace_id AND s.id = h.source_id
        LEFT JOIN enrichment_files f ON f.workspace_id = h.workspace_id AND f.id = h.source_id
        LEFT JOIN profile_traits t ON t.workspace_id = h.workspace_id AND t.profile_id = h.profile_id AND t.name = h.name
        WHERE h.workspace_id = ${scope.workspaceId} AND h.name = ${name}
          AND h.profile_id = (SELECT coalesce(merged_into, id) FROM profiles WHERE workspace_id = ${scope.workspaceId} AND id = ${profileId})
        ORDER BY h.event_time DESC, h.event_id DESC LIMIT 200`,
  );
  const privacy = privacyFor(scope.role);
  return found.map((h) => ({
    value: maskTrait(privacy, name, h.value).value,
    at: new Date(h.event_time),
    source: h.source,
    eventId: h.event_id,
    current: h.current,
  }));
}
