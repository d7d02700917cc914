import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { isoTime } from "@/db/iso-time";
import { assertMaySearch, privacyFor } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";
import { maskTraits } from "./mask-trait";
import { profileLabel } from "./profile-label";
import type { SearchProfilesInput } from "./schema";

interface Row {
  id: string;
  first_seen: string;
  last_seen: string;
  identifiers: { type: string; value: string }[];
  traits: Record<string, unknown> | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Profiles, most recently active first (keyset on last_seen, id), optionally those with an identifier equal to
 * the query (an email in any case) or a trait whose text contains it. Merged-away profiles are never listed.
 * A role without pii:read may not search by a personal value, and sees labels and identifiers masked.
 */
export async function searchProfiles(scope: WorkspaceScope, input: SearchProfilesInput) {
  assertMaySearch(scope.role, "profile search", input.query);
  const w = scope.workspaceId;
  const match = input.query
    ? sql`AND p.id IN (
        SELECT profile_id FROM identities WHERE workspace_id = ${w} AND (value = ${input.query} OR (type = 'email' AND value = lower(${input.query})))
        UNION
        SELECT profile_id FROM profile_traits WHERE workspace_id = ${w} AND value #>> '{}' ILIKE ${`%${escapeLike(input.query)}%`})`
    : sql``;
  const after = input.after
    ? sql`AND (p.last_seen, p.id) < (${input.after.at}::timestamptz, ${input.after.id}::uuid)`
    : sql``;
  const found = await rows<Row>(
    scope.db,
    sql`SELECT p.id, ${isoTime(sql`p.first_seen`)} AS first_seen, ${isoTime(sql`p.last_seen`)} AS last_seen,
               (SELECT coalesce(json_agg(json_build_object('type', i.type, 'value', i.value) ORDER BY i.type, i.first_seen), '[]')
                FROM identities i WHERE i.workspace_id = ${w} AND i.profile_id = p.id) AS identifiers,
               (SELECT json_object_agg(t.name, t.value) FROM profile_traits t WHERE t.workspace_id = ${w} AND t.profile_id = p.id) AS traits
        FROM profiles p
        WHERE p.workspace_id = ${w} AND p.merged_into IS NULL ${match} ${after}
        ORDER BY p.last_seen DESC, p.id DESC
        LIMIT ${input.limit + 1}`,
  );
  const privacy = privacyFor(scope.role);
  const page = found.slice(0, input.limit).map((r) => {
    const identifiers = r.identifiers.map((i) => ({ type: i.type, value: privacy.id(i.value) }));
    return {
      id: r.id,
      label: profileLabel(maskTraits(privacy, r.traits ?? {}), identifiers),
      identifiers,
      firstSeen: new Date(r.first_seen),
      lastSeen: new Date(r.last_seen),
      cursor: { at: r.last_seen, id: r.id },
    };
  });
  return { profiles: page, nextCursor: found.length > input.limit ? page[page.length - 1].cursor : null };
}
