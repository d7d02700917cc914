import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";

/** How many stored traits are read to suggest names: enough for every real name, bounded on a large workspace. */
const SAMPLE = 50_000;

/**
 * Names of traits stored on the workspace's profiles, the most common first (at most `limit`), as suggestions
 * for per-trait survivorship. profile_traits has no index by name, so a bounded sample is read, not the table.
 */
export async function listTraitNames(db: Db, workspaceId: string, limit = 200): Promise<string[]> {
  const found = await rows<{ name: string }>(
    db,
    sql`SELECT name FROM (SELECT name FROM profile_traits WHERE workspace_id = ${workspaceId} LIMIT ${SAMPLE}) AS sample
        GROUP BY name ORDER BY count(*) DESC, name LIMIT ${limit}`,
  );
  return found.map((r) => r.name);
}
