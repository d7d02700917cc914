import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import { isUuid } from "@/db/ids";
import { normalizeIdentifier } from "../identity/normalize-identifier";
import { rulesForLookup } from "./identifier-rules";

export type Resolved =
  { ok: true; profileId: string } | { ok: false; status: 400 | 404; code: string; message: string };

const neverBlocked = () => false;

/**
 * The profile an identifier names, in the token's workspace: `profile_id:<uuid>` directly, any identifier type
 * of the workspace (built-in or custom) through the identity graph, its value normalised exactly as the pipeline
 * stored it (emails lower-cased, phones to E.164 with the workspace's default country). A merged-away profile
 * answers with the profile it joined. Blocked values are looked up like any other: they were never stored, so
 * they are simply not found.
 */
export async function resolveProfile(db: Db, workspaceId: string, type: string, raw: string): Promise<Resolved> {
  if (type === "profile_id") {
    if (!isUuid(raw))
      return { ok: false, status: 400, code: "bad_identifier", message: "profile_id must be a profile id (a UUID)" };
    const [found] = await rows<{ id: string }>(
      db,
      sql`SELECT coalesce(merged_into, id) AS id FROM profiles WHERE workspace_id = ${workspaceId} AND id = ${raw.toLowerCase()}`,
    );
    return found ? { ok: true, profileId: found.id } : notFound(type, raw);
  }
  const rules = await rulesForLookup(db, workspaceId, type);
  if (!rules.types.includes(type))
    return {
      ok: false,
      status: 400,
      code: "unknown_identifier_type",
      message: `unknown identifier type "${type.slice(0, 40)}"; this workspace's types are ${[...rules.types, "profile_id"].join(", ")}`,
    };
  const normalized = normalizeIdentifier(type, raw, rules, neverBlocked);
  if (!normalized.ok) return { ok: false, status: 400, code: "bad_identifier", message: normalized.reason };
  const [found] = await rows<{ id: string }>(
    db,
    sql`SELECT coalesce(p.merged_into, p.id) AS id
        FROM identities i JOIN profiles p ON p.workspace_id = i.workspace_id AND p.id = i.profile_id
        WHERE i.workspace_id = ${workspaceId} AND i.type = ${type} AND i.value = ${normalized.value}`,
  );
  return found ? { ok: true, profileId: found.id } : notFound(type, normalized.value);
}

const notFound = (type: string, value: string): Resolved => ({
  ok: false,
  status: 404,
  code: "profile_not_found",
  message: `no profile with ${type} "${value.slice(0, 100)}" in this workspace`,
});
