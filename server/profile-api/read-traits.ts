import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import { encodeCursor, type PageParams } from "./page-params";

/**
 * A profile's golden-record traits as stored (profile_traits), by name; `include` narrows them to the names
 * given. Keyset-paged on the name (the primary key's order), so a page costs its rows only.
 */
export async function readTraits(db: Db, workspaceId: string, profileId: string, params: PageParams) {
  const found = await rows<{ name: string; value: unknown }>(
    db,
    sql`SELECT name, value FROM profile_traits
        WHERE workspace_id = ${workspaceId} AND profile_id = ${profileId}
          ${params.include ? sql`AND name IN ${params.include}` : sql``}
          ${params.next ? sql`AND name > ${params.next[0]}` : sql``}
        ORDER BY name LIMIT ${params.limit + 1}`,
  );
  const page = found.slice(0, params.limit);
  const hasMore = found.length > params.limit;
  return {
    traits: Object.fromEntries(page.map((t) => [t.name, t.value])),
    hasMore,
    next: hasMore ? encodeCursor([page[page.length - 1].name]) : null,
  };
}
