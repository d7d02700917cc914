import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import type { Identifier, SkippedIdentifier } from "./extract-identifiers";
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
 * evidence (links and notes), when each identity and profile was last seen, and the golden-record traits.
 * Runs in the pipeline step's transaction, so it all commits with the cursor or not at all.
 */
export async function writeResolution(
  tx: Db,
  workspaceId: string,
  events: ResolvedEvent[],
  resolution: Resolution,
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
    await tx.execute(sql`UPDATE identities i SET last_seen = greatest(i.last_seen, r.last)
      FROM (SELECT type, value, max(at) AS last FROM json_to_recordset(${json(seen)}) AS r(type text, value text, at timestamptz) GROUP BY type, value) r
      WHERE i.workspace_id = ${workspaceId} AND i.type = r.type AND i.value = r.value`);
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
  await writeTraits(tx, workspaceId, events, resolution.eventProfiles);
}

/** `from` joins `into`: its identities, timeline, traits (the later value of each survives) and history move. */
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
  await tx.execute(sql`INSERT INTO profile_traits (workspace_id, profile_id, name, value, event_time, source_id, event_id)
    SELECT workspace_id, ${into}, name, value, event_time, source_id, event_id FROM profile_traits WHERE workspace_id = ${workspaceId} AND profile_id = ${from}
    ON CONFLICT (workspace_id, profile_id, name) DO UPDATE SET value = excluded.value, event_time = excluded.event_time, source_id = excluded.source_id, event_id = excluded.event_id
    WHERE (excluded.event_time, excluded.event_id) > (profile_traits.event_time, profile_traits.event_id)`);
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
 * Traits of identify calls (and context.traits of any call): every value goes into the history; the golden
 * record keeps, per trait, the value of the latest event by event time — whatever order events arrive in
 * (an older identify arriving late does not overwrite a newer value). Ties go to the later event id.
 */
async function writeTraits(
  tx: Db,
  workspaceId: string,
  events: ResolvedEvent[],
  eventProfiles: Map<string, string>,
): Promise<void> {
  const history: { profile: string; event: string; name: string; value: unknown; at: string; source: string }[] = [];
  for (const e of events) {
    const profile = eventProfiles.get(e.id);
    if (!profile || !e.traits) continue;
    for (const [name, value] of Object.entries(e.traits)) {
      if (value === undefined || name.length > 200) continue;
      history.push({ profile, event: e.id, name, value, at: e.timestamp, source: e.sourceId });
    }
  }
  if (history.length === 0) return;
  const latest = new Map<string, (typeof history)[number]>();
  for (const h of history) {
    const key = `${h.profile}\u0000${h.name}`;
    const current = latest.get(key);
    const newer =
      !current ||
      Date.parse(h.at) > Date.parse(current.at) ||
      (Date.parse(h.at) === Date.parse(current.at) && h.event > current.event);
    if (newer) latest.set(key, h);
  }
  const rows = json(history);
  await tx.execute(sql`INSERT INTO trait_history (workspace_id, profile_id, event_id, name, value, event_time, source_id)
    SELECT ${workspaceId}, profile, event, name, value, at, source FROM json_to_recordset(${rows}) AS r(profile uuid, event uuid, name text, value jsonb, at timestamptz, source uuid)
    ON CONFLICT DO NOTHING`);
  await tx.execute(sql`INSERT INTO profile_traits (workspace_id, profile_id, name, value, event_time, source_id, event_id)
    SELECT ${workspaceId}, profile, name, value, at, source, event FROM json_to_recordset(${json([...latest.values()])}) AS r(profile uuid, event uuid, name text, value jsonb, at timestamptz, source uuid)
    ON CONFLICT (workspace_id, profile_id, name) DO UPDATE SET value = excluded.value, event_time = excluded.event_time, source_id = excluded.source_id, event_id = excluded.event_id
    WHERE (excluded.event_time, excluded.event_id) > (profile_traits.event_time, profile_traits.event_id)`);
}
