import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { isoTime } from "@/db/iso-time";
import { AppError } from "../errors";
import { privacyFor } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";
import { maskTrait, maskTraits } from "./mask-trait";
import { profileLabel } from "./profile-label";

/**
 * One profile as its page shows it: identities (where and when each was seen), the golden-record traits with
 * their source (a source's name, or an enrichment file's), merge history, and identifiers its events carried that were not linked. A merged-away id
 * answers with the profile it joined (`mergedFrom` says so).
 */
export async function getProfile(scope: WorkspaceScope, profileId: string) {
  const w = scope.workspaceId;
  const [profile] = await rows<{ id: string; merged_into: string | null; first_seen: string; last_seen: string }>(
    scope.db,
    sql`SELECT id, merged_into, ${isoTime(sql`first_seen`)} AS first_seen, ${isoTime(sql`last_seen`)} AS last_seen
        FROM profiles WHERE workspace_id = ${w} AND id = (SELECT coalesce(merged_into, id) FROM profiles WHERE workspace_id = ${w} AND id = ${profileId})`,
  );
  if (!profile) throw new AppError("NOT_FOUND", "No such profile in this workspace");
  const id = profile.id;
  const [identities, traits, merges, notes] = await Promise.all([
    rows<{ type: string; value: string; first_seen: string; last_seen: string; source: string | null }>(
      scope.db,
      sql`SELECT i.type, i.value, ${isoTime(sql`i.first_seen`)} AS first_seen, ${isoTime(sql`i.last_seen`)} AS last_seen, coalesce(s.name, f.name) AS source
          FROM identities i LEFT JOIN sources s ON s.workspace_id = i.workspace_id AND s.id = i.source_id
          LEFT JOIN enrichment_files f ON f.workspace_id = i.workspace_id AND f.id = i.source_id
          WHERE i.workspace_id = ${w} AND i.profile_id = ${id} ORDER BY i.type, i.first_seen`,
    ),
    rows<{ name: string; value: unknown; event_time: string; source: string | null; versions: number }>(
      scope.db,
      sql`SELECT t.name, t.value, ${isoTime(sql`t.event_time`)} AS event_time, coalesce(s.name, f.name) AS source,
                 (SELECT count(*)::int FROM trait_history h WHERE h.workspace_id = t.workspace_id AND h.profile_id = t.profile_id AND h.name = t.name) AS versions
          FROM profile_traits t LEFT JOIN sources s ON s.workspace_id = t.workspace_id AND s.id = t.source_id
          LEFT JOIN enrichment_files f ON f.workspace_id = t.workspace_id AND f.id = t.source_id
          WHERE t.workspace_id = ${w} AND t.profile_id = ${id} ORDER BY t.name`,
    ),
    rows<{ from_profile_id: string; event_id: string; identifiers: { type: string; value: string }[]; at: string }>(
      scope.db,
      sql`SELECT from_profile_id, event_id, identifiers, ${isoTime(sql`at`)} AS at FROM profile_merges
          WHERE workspace_id = ${w} AND into_profile_id = ${id} ORDER BY at DESC LIMIT 100`,
    ),
    rows<{ type: string; value: string | null; reason: string; event_id: string }>(
      scope.db,
      sql`SELECT n.type, n.value, n.reason, n.event_id FROM identity_notes n
          JOIN profile_events e ON e.workspace_id = n.workspace_id AND e.event_id = n.event_id
          WHERE n.workspace_id = ${w} AND e.profile_id = ${id} ORDER BY n.id DESC LIMIT 50`,
    ),
  ]);
  const privacy = privacyFor(scope.role);
  const traitValues = Object.fromEntries(traits.map((t) => [t.name, t.value]));
  const maskedIdentities = identities.map((i) => ({ ...i, value: privacy.id(i.value) }));
  return {
    id,
    mergedFrom: profile.id !== profileId ? profileId : null,
    label: profileLabel(maskTraits(privacy, traitValues), maskedIdentities),
    firstSeen: new Date(profile.first_seen),
    lastSeen: new Date(profile.last_seen),
    identities: maskedIdentities.map((i) => ({
      type: i.type,
      value: i.value,
      firstSeen: new Date(i.first_seen),
      lastSeen: new Date(i.last_seen),
      source: i.source,
    })),
    // `key` asks for the trait's history; withheld when the name itself had to be masked.
    traits: traits.map((t) => ({
      ...maskTrait(privacy, t.name, t.value),
      key: privacy.text(t.name) === t.name ? t.name : null,
      updatedAt: new Date(t.event_time),
      source: t.source,
      versions: t.versions,
    })),
    merges: merges.map((m) => ({
      fromProfileId: m.from_profile_id,
      eventId: m.event_id,
      identifiers: m.identifiers.map((i) => ({ type: i.type, value: privacy.id(i.value) })),
      at: new Date(m.at),
    })),
    notes: notes.map((n) => ({
      type: n.type,
      value: n.value === null ? null : privacy.id(n.value),
      reason: privacy.text(n.reason),
      eventId: n.event_id,
    })),
  };
}
