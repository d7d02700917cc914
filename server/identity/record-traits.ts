import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { EffectiveRules } from "./identity-rules";

/** One value a trait was given: by an event, or by a row of an enrichment file (then `event` is the row's id). */
export interface TraitValue {
  profile: string;
  event: string;
  name: string;
  value: unknown;
  /** Event time (or the enrichment file's "as of" time), ISO 8601. */
  at: string;
  /** A source id or an enrichment-file id. */
  source: string;
}

export type Survivorship = EffectiveRules["survivorship"];

/** Longer trait names are not kept (the golden record is for people to read). */
export const MAX_TRAIT_NAME_LENGTH = 200;

const json = (value: unknown) => sql`${JSON.stringify(value)}::json`;

/**
 * The one writer of traits. Every value goes into trait_history (once per event and name: a repeated event
 * adds nothing; null is kept as JSON null, which json_to_recordset would otherwise turn into SQL NULL); then the golden record (profile_traits) of every touched (profile, trait) pair — the values'
 * pairs, plus every trait of `recompute` profiles (a merge's survivor) — is recomputed from the whole history
 * in one statement, under each trait's survivorship strategy:
 * - latest: the latest event time, ties to the later event id — whatever order values arrived in;
 * - source_priority: the source ranked highest in sourcePriority (unlisted sources after all listed), then latest;
 * - first_seen: the earliest event time, ties to the earlier event id;
 * - most_frequent: the value with the most history rows, ties to the value seen latest.
 * Each pair picks its winner with an index-ordered LIMIT 1 (latest, first_seen) or over its own history only.
 */
export async function recordTraits(
  tx: Db,
  workspaceId: string,
  values: TraitValue[],
  survivorship: Survivorship,
  recompute: string[] = [],
): Promise<void> {
  const kept = values.filter((v) => v.value !== undefined && v.name.length <= MAX_TRAIT_NAME_LENGTH);
  if (kept.length === 0 && recompute.length === 0) return;
  if (kept.length > 0) {
    await tx.execute(sql`INSERT INTO trait_history (workspace_id, profile_id, event_id, name, value, event_time, source_id)
      SELECT ${workspaceId}, profile, event, name, coalesce(value, 'null'::jsonb), at, source
      FROM json_to_recordset(${json(kept)}) AS r(profile uuid, event uuid, name text, value jsonb, at timestamptz, source uuid)
      ON CONFLICT DO NOTHING`);
  }
  const pairs = [
    ...new Map(kept.map((v) => [`${v.profile}\u0000${v.name}`, { profile: v.profile, name: v.name }])).values(),
  ];
  await tx.execute(sql`
    WITH touched AS (
      SELECT profile, name FROM json_to_recordset(${json(pairs)}) AS r(profile uuid, name text)
      UNION
      SELECT DISTINCT profile_id, name FROM trait_history
      WHERE workspace_id = ${workspaceId} AND profile_id IN (SELECT value::uuid FROM json_array_elements_text(${json(recompute)}))
    ),
    pairs AS (
      SELECT profile, name, coalesce(${JSON.stringify(survivorship.traits)}::jsonb ->> name, ${survivorship.default}) AS strategy
      FROM touched
    ),
    priority AS (SELECT ARRAY(SELECT value::uuid FROM json_array_elements_text(${json(survivorship.sourcePriority)})) AS ids),
    winners AS (
      SELECT p.profile, p.name, w.* FROM pairs p CROSS JOIN LATERAL (
        SELECT h.value, h.event_time, h.source_id, h.event_id FROM trait_history h
        WHERE h.workspace_id = ${workspaceId} AND h.profile_id = p.profile AND h.name = p.name
        ORDER BY h.event_time DESC, h.event_id DESC LIMIT 1) w
      WHERE p.strategy = 'latest'
      UNION ALL
      SELECT p.profile, p.name, w.* FROM pairs p CROSS JOIN LATERAL (
        SELECT h.value, h.event_time, h.source_id, h.event_id FROM trait_history h
        WHERE h.workspace_id = ${workspaceId} AND h.profile_id = p.profile AND h.name = p.name
        ORDER BY h.event_time, h.event_id LIMIT 1) w
      WHERE p.strategy = 'first_seen'
      UNION ALL
      SELECT p.profile, p.name, w.* FROM pairs p CROSS JOIN priority CROSS JOIN LATERAL (
        SELECT h.value, h.event_time, h.source_id, h.event_id FROM trait_history h
        WHERE h.workspace_id = ${workspaceId} AND h.profile_id = p.profile AND h.name = p.name
        ORDER BY coalesce(array_position(priority.ids, h.source_id), 2147483647), h.event_time DESC, h.event_id DESC LIMIT 1) w
      WHERE p.strategy = 'source_priority'
      UNION ALL
      SELECT p.profile, p.name, w.value, w.event_time, w.source_id, w.event_id FROM pairs p CROSS JOIN LATERAL (
        SELECT h.value, h.event_time, h.source_id, h.event_id, count(*) OVER (PARTITION BY h.value) AS seen FROM trait_history h
        WHERE h.workspace_id = ${workspaceId} AND h.profile_id = p.profile AND h.name = p.name
        ORDER BY seen DESC, h.event_time DESC, h.event_id DESC LIMIT 1) w
      WHERE p.strategy = 'most_frequent'
    )
    INSERT INTO profile_traits (workspace_id, profile_id, name, value, event_time, source_id, event_id)
    SELECT ${workspaceId}, profile, name, value, event_time, source_id, event_id FROM winners
    ON CONFLICT (workspace_id, profile_id, name) DO UPDATE
      SET value = excluded.value, event_time = excluded.event_time, source_id = excluded.source_id, event_id = excluded.event_id
      WHERE (profile_traits.value, profile_traits.event_time, profile_traits.source_id, profile_traits.event_id)
        IS DISTINCT FROM (excluded.value, excluded.event_time, excluded.source_id, excluded.event_id)`);
}
