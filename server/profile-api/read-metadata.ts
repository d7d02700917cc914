import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import { isoTime } from "@/db/iso-time";

/**
 * A profile's metadata: its id, when it was created and last changed, its first and last event times, and the
 * ids of the profiles merged into it. Merged ids are walked through profile_merges (indexed by the profile
 * merged into, so a merge of a merge is found too) and kept only when the profile still points here.
 */
export async function readMetadata(db: Db, workspaceId: string, profileId: string) {
  const [profile] = await rows<{ created_at: string; updated_at: string; first_seen: string; last_seen: string }>(
    db,
    sql`SELECT ${isoTime(sql`created_at`)} AS created_at, ${isoTime(sql`updated_at`)} AS updated_at,
               ${isoTime(sql`first_seen`)} AS first_seen, ${isoTime(sql`last_seen`)} AS last_seen
        FROM profiles WHERE workspace_id = ${workspaceId} AND id = ${profileId}`,
  );
  const merged = await rows<{ id: string }>(
    db,
    sql`WITH RECURSIVE merged(id) AS (
          SELECT from_profile_id FROM profile_merges WHERE workspace_id = ${workspaceId} AND into_profile_id = ${profileId}
          UNION
          SELECT m.from_profile_id FROM profile_merges m JOIN merged ON m.into_profile_id = merged.id
          WHERE m.workspace_id = ${workspaceId}
        )
        SELECT p.id FROM merged JOIN profiles p ON p.workspace_id = ${workspaceId} AND p.id = merged.id
        WHERE p.merged_into = ${profileId} ORDER BY p.id`,
  );
  return {
    profile_id: profileId,
    created_at: profile.created_at,
    updated_at: profile.updated_at,
    first_seen: profile.first_seen,
    last_seen: profile.last_seen,
    merged_ids: merged.map((m) => m.id),
  };
}
