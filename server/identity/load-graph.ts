import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import type { Identifier } from "./extract-identifiers";
import type { KnownIdentity } from "./resolve-batch";

/**
 * The stored identities a batch needs: those it names, and every other identity of their profiles (limits
 * count over the whole profile). The rows are locked for the step's transaction.
 */
export async function loadGraph(db: Db, workspaceId: string, identifiers: Identifier[]): Promise<KnownIdentity[]> {
  if (identifiers.length === 0) return [];
  return rows<KnownIdentity>(
    db,
    sql`WITH named AS (
          SELECT i.profile_id FROM identities i
          JOIN json_to_recordset(${JSON.stringify(identifiers)}::json) AS n(type text, value text) ON i.type = n.type AND i.value = n.value
          WHERE i.workspace_id = ${workspaceId})
        SELECT type, value, profile_id AS "profileId", (extract(epoch FROM first_seen) * 1000)::float8 AS "firstSeen"
        FROM identities
        WHERE workspace_id = ${workspaceId} AND profile_id IN (SELECT profile_id FROM named)
        FOR UPDATE`,
  );
}
