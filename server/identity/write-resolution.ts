import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import type { Identifier, SkippedIdentifier } from "./extract-identifiers";
import { recordTraits, type Survivorship, type TraitValue } from "./record-traits";
import type { Merge, Resolution } from "./resolve-batch";

export interface ResolvedEvent {
  id: string;
  sourceId: string;
  timestamp: string;
  identifiers: Identifier[];
  skipped: SkippedIdentifier[];
  traits: Record<string, unknown> | null;
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::json`;

/**
 * Writes a batch's resolution in set-based statements (one per kind of row; one group per merge): new
 * profiles and identities, merges re-pointing identities, timeline rows and traits, then the timeline, the
 * evidence (links and notes), when each identity and profile was last seen, and the traits (history, and the
 * golden record under the workspace's survivorship rules).
 * Runs in the pipeline step's transaction, so it all commits with the cursor or not at all.
 */
export async function writeResolution(
  tx: Db,
  workspaceId: string,
  events: ResolvedEvent[],
  resolution: Resolution,
  survivorship: Survivorship,
): Promise<void> {
  const byId = new Map(events.map((e) => [e.id, e]));
  const time = (eventId: string) => byId.get(eventId)!.timestamp;

  if (resolution.newProfiles.length > 0) {
    const rows = resolution.newProfiles.map((p) => ({ id: p.id, at: time(p.eventId) }));
    await tx.execute(sql`INSERT INTO profiles (workspace_id, id, first_seen, last_seen)
      SELECT ${workspaceId}, id, at, at FROM json_to_recordset(${json(rows)}) AS r(id uuid, at timestamptz)`);
  }
  if (resolution.newIdentities.length > 0) {
    const rows = resolution.newIdentities.map((i) => ({
      type: i.type,
      value: i.value,
      profile: i.profileId,
      event: i.eventId,
      source: byId.get(i.eventId)!.sourceId,
      at: time(i.eventId),
    }));
    await tx.execute(sql`INSERT INTO identities (workspace_id, type, value, profile_id, first_seen, last_seen, first_event_id, source_id)
      SELECT ${workspaceId}, type, value, profile, at, at, event, source
      FROM json_to_recordset(${json(rows)}) AS r(type text, value text, profile uuid, event uuid, source uuid, at timestamptz)
      ON CONFLICT DO NOTHING`);
  }
  for (const merge of resolution.merges) await applyMerge(tx, workspaceId, merge);

  const timeline = [...resolution.eventProfiles].map(([event, profile]) => ({ event, profile, at: time(event) }));
  if (timeline.length > 0) {
    await tx.execute(sql`INSERT INTO profile_events (workspace_id, event_id, profile_id, timestamp)
      SELECT ${workspaceId}, event, profile, at FROM json_to_recordset(${json(timeline)}) AS r(event uuid, profile uuid, at timestamptz)
      ON CONFLICT DO NOTHING`);
    await tx.execute(sql`UPDATE profiles p SET first_seen = least(p.first_seen, r.first), last_seen = greatest(p.last_seen, r.last), updated_at = now()
      FROM (SELECT profile, min(at) AS first, max(at) AS last FROM json_to_recordset(${json(timeline)}) AS r(event uuid, profile uuid, at timestamptz) GROUP BY profile) r
      WHERE p.workspace_id = ${workspaceId} AND p.id = r.profile`);
  }
  const seen = events.flatMap((e) =>
    resolution.eventProfiles.has(e.id) ? e.identifiers.map((i) => ({ ...i, at: e.timestamp })) : [],
  );
  if (seen.length > 0) {
    await tx.execute(sql`UPDATE identities i SET last_seen = r.last
      FROM (SELECT type, value, max(at) AS last FROM json_to_recordset(${json(seen)}) AS r(type text, value text, at timestamptz) GROUP BY type, value) r
      WHERE i.workspace_id = ${workspaceId} AND i.type = r.type AND i.value = r.value AND r.last > i.last_seen`);
  }
  if (resolution.links.length > 0) {
    const rows = resolution.links.map((l) => ({
      ft: l.from.type,
      fv: l.from.value,
      tt: l.to.type,
      tv: l.to.value,
      event: l.eventId,
      at: time(l.eventId),
    }));
    await tx.execute(sql`INSERT INTO identity_links (workspace_id, from_type, from_value, to_type, to_value, event_id, at)
      SELECT ${workspaceId}, ft, fv, tt, tv, event, at FROM json_to_recordset(${json(rows)}) AS r(ft text, fv text, tt text, tv text, event uuid, at timestamptz)
      ON CONFLICT DO NOTHING`);
  }
  const notes = [
    ...events.flatMap((e) =>
      e.skipped.map((s) => ({ id: uuidv7(), event: e.id, type: s.type, value: null, reason: s.reason })),
    ),
    ...resolution.dropped.map((d) => ({
      id: uuidv7(),
      event: d.eventId,
      type: d.identifier.type,
      value: d.identifier.value,
      reason: d.reason,
    })),
  ];
  if (notes.length > 0) {
    await tx.execute(sql`INSERT INTO identity_notes (workspace_id, id, event_id, type, value, reason)
      SELECT ${workspaceId}, id, event, type, value, reason FROM json_to_recordset(${json(notes)}) AS r(id uuid, event uuid, type text, value text, reason text)`);
  }
  await writeTraits(tx, workspaceId, events, resolution, survivorship);
}

/**
 * `from` joins `into`: its identities, timeline and trait history move; its golden record is dropped, and the
 * survivor's is recomputed from the combined history (writeTraits, after the batch's merges).
 */
async function applyMerge(tx: Db, workspaceId: string, merge: Merge): Promise<void> {
  const { into, from } = merge;
  await tx.execute(
    sql`UPDATE identities SET profile_id = ${into} WHERE workspace_id = ${workspaceId} AND profile_id = ${from}`,
  );
  await tx.execute(
    sql`UPDATE profile_events SET profile_id = ${into} WHERE workspace_id = ${workspaceId} AND profile_id = ${from}`,
  );
  await tx.execute(
    sql`UPDATE trait_history SET profile_id = ${into} WHERE workspace_id = ${workspaceId} AND profile_id = ${from}`,
  );
  await tx.execute(sql`DELETE FROM profile_traits WHERE workspace_id = ${workspaceId} AND profile_id = ${from}`);
  await tx.execute(sql`UPDATE profiles p SET first_seen = least(p.first_seen, f.first_seen), last_seen = greatest(p.last_seen, f.last_seen), updated_at = now()
    FROM profiles f WHERE p.workspace_id = ${workspaceId} AND p.id = ${into} AND f.workspace_id = ${workspaceId} AND f.id = ${from}`);
  // Old ids keep resolving in one hop: whatever pointed at `from` now points at `into`.
  await tx.execute(
    sql`UPDATE profiles SET merged_into = ${into}, updated_at = now() WHERE workspace_id = ${workspaceId} AND (id = ${from} OR merged_into = ${from})`,
  );
  await tx.execute(sql`INSERT INTO profile_merges (workspace_id, id, into_profile_id, from_profile_id, event_id, identifiers)
    VALUES (${workspaceId}, ${uuidv7()}, ${into}, ${from}, ${merge.eventId}, ${JSON.stringify(merge.identifiers)}::jsonb)`);
}

/**
 * Traits of identify calls (and context.traits of any call) go to recordTraits: every value into the history,
 * and the golden record of each touched trait recomputed under its survivorship strategy — together with every
 * trait of the batch's merge survivors, whose combined history now decides.
 */
async function writeTraits(
  tx: Db,
  workspaceId: string,
  events: ResolvedEvent[],
  resolution: Resolution,
  survivorship: Survivorship,
): Promise<void> {
  const values: TraitValue[] = [];
  for (const e of events) {
    const profile = resolution.eventProfiles.get(e.id);
    if (!profile || !e.traits) continue;
    for (const [name, value] of Object.entries(e.traits))
      values.push({ profile, event: e.id, name, value, at: e.timestamp, source: e.sourceId });
  }
  // A survivor merged again later in the batch holds nothing by now: recomputing it finds no history.
  const survivors = [...new Set(resolution.merges.map((m) => m.into))];
  await recordTraits(tx, workspaceId, values, survivorship, survivors);
}
