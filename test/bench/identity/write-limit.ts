/**
 * The limit the identity consumer is measured against: the rate at which this machine reads the same events
 * through the pipeline's cursor query and writes the rows resolution produces from them, with equivalent
 * set-based inserts (json_to_recordset, as write-resolution.ts does), in steps of the same size, each one
 * transaction that also advances a cursor — but without the resolution logic: no graph read, no union-find,
 * no merges, no last-seen updates. The profile of an event comes from an oracle instead (the person's number
 * in its identifiers, see people.ts). The rows go into empty copies of the real tables (same columns, keys
 * and indexes), so the real results stay as they are.
 */
import { sql, type SQL } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import { isoTime } from "@/db/iso-time";

const TABLES = ["profiles", "identities", "identity_links", "profile_events", "trait_history", "profile_traits"];
const NIL = "00000000-0000-0000-0000-000000000000";

interface LimitEvent {
  id: string;
  txid: string;
  workspaceId: string;
  sourceId: string;
  userId: string | null;
  anonymousId: string | null;
  timestamp: string;
  raw: Record<string, unknown>;
}

const json = (value: unknown) => sql`${JSON.stringify(value)}::json`;
const profileOf = (person: string) => `00000000-0000-4000-8000-${Number(person).toString(16).padStart(12, "0")}`;

async function prepare(db: Db): Promise<void> {
  for (const table of TABLES) {
    await db.execute(sql.raw(`DROP TABLE IF EXISTS limit_${table}`));
    await db.execute(sql.raw(`CREATE TABLE limit_${table} (LIKE ${table} INCLUDING ALL)`));
  }
  await db.execute(sql`DROP TABLE IF EXISTS limit_cursor`);
  await db.execute(
    sql`CREATE TABLE limit_cursor (consumer text PRIMARY KEY, txid xid8 NOT NULL, event_id uuid NOT NULL)`,
  );
  await db.execute(sql`INSERT INTO limit_cursor VALUES ('identity', '0', ${NIL})`);
}

/** The rows one step writes, derived without resolution. */
function derive(events: LimitEvent[]) {
  const profiles = new Map<string, { id: string; at: string }>();
  const identities = new Map<
    string,
    { type: string; value: string; profile: string; event: string; source: string; at: string }
  >();
  const links: { ft: string; fv: string; tt: string; tv: string; event: string; at: string }[] = [];
  const timeline: { event: string; profile: string; at: string }[] = [];
  const history: { profile: string; event: string; name: string; value: unknown; at: string; source: string }[] = [];
  for (const e of events) {
    const traits = e.raw.traits as Record<string, unknown> | undefined;
    const ids: { type: string; value: string }[] = [];
    if (e.userId) ids.push({ type: "user_id", value: e.userId });
    if (typeof traits?.email === "string") ids.push({ type: "email", value: traits.email });
    if (e.anonymousId) ids.push({ type: "anonymous_id", value: e.anonymousId });
    if (ids.length === 0) continue;
    const profile = profileOf(/[0-9]+/.exec(ids[0].value)![0]);
    if (!profiles.has(profile)) profiles.set(profile, { id: profile, at: e.timestamp });
    for (const i of ids) {
      const key = `${i.type}\u0000${i.value}`;
      if (!identities.has(key))
        identities.set(key, { ...i, profile, event: e.id, source: e.sourceId, at: e.timestamp });
    }
    for (const to of ids.slice(1))
      links.push({ ft: ids[0].type, fv: ids[0].value, tt: to.type, tv: to.value, event: e.id, at: e.timestamp });
    timeline.push({ event: e.id, profile, at: e.timestamp });
    if (e.raw.type === "identify" && traits)
      for (const [name, value] of Object.entries(traits))
        history.push({ profile, event: e.id, name, value, at: e.timestamp, source: e.sourceId });
  }
  const latest = new Map<string, (typeof history)[number]>();
  for (const h of history) latest.set(`${h.profile}\u0000${h.name}`, h); // events come in time order here
  return { profiles: [...profiles.values()], identities: [...identities.values()], links, timeline, history, latest };
}

async function write(tx: Db, workspaceId: string, d: ReturnType<typeof derive>): Promise<void> {
  const run = (query: SQL) => tx.execute(query);
  if (d.profiles.length > 0)
    await run(sql`INSERT INTO limit_profiles (workspace_id, id, first_seen, last_seen)
      SELECT ${workspaceId}, id, at, at FROM json_to_recordset(${json(d.profiles)}) AS r(id uuid, at timestamptz) ON CONFLICT DO NOTHING`);
  if (d.identities.length > 0)
    await run(sql`INSERT INTO limit_identities (workspace_id, type, value, profile_id, first_seen, last_seen, first_event_id, source_id)
      SELECT ${workspaceId}, type, value, profile, at, at, event, source
      FROM json_to_recordset(${json(d.identities)}) AS r(type text, value text, profile uuid, event uuid, source uuid, at timestamptz)
      ON CONFLICT DO NOTHING`);
  if (d.timeline.length > 0)
    await run(sql`INSERT INTO limit_profile_events (workspace_id, event_id, profile_id, timestamp)
      SELECT ${workspaceId}, event, profile, at FROM json_to_recordset(${json(d.timeline)}) AS r(event uuid, profile uuid, at timestamptz)
      ON CONFLICT DO NOTHING`);
  if (d.links.length > 0)
    await run(sql`INSERT INTO limit_identity_links (workspace_id, from_type, from_value, to_type, to_value, event_id, at)
      SELECT ${workspaceId}, ft, fv, tt, tv, event, at FROM json_to_recordset(${json(d.links)}) AS r(ft text, fv text, tt text, tv text, event uuid, at timestamptz)
      ON CONFLICT DO NOTHING`);
  if (d.history.length > 0) {
    await run(sql`INSERT INTO limit_trait_history (workspace_id, profile_id, event_id, name, value, event_time, source_id)
      SELECT ${workspaceId}, profile, event, name, value, at, source FROM json_to_recordset(${json(d.history)}) AS r(profile uuid, event uuid, name text, value jsonb, at timestamptz, source uuid)
      ON CONFLICT DO NOTHING`);
    await run(sql`INSERT INTO limit_profile_traits (workspace_id, profile_id, name, value, event_time, source_id, event_id)
      SELECT ${workspaceId}, profile, name, value, at, source, event FROM json_to_recordset(${json([...d.latest.values()])}) AS r(profile uuid, event uuid, name text, value jsonb, at timestamptz, source uuid)
      ON CONFLICT (workspace_id, profile_id, name) DO UPDATE SET value = excluded.value, event_time = excluded.event_time, source_id = excluded.source_id, event_id = excluded.event_id
      WHERE (excluded.event_time, excluded.event_id) > (limit_profile_traits.event_time, limit_profile_traits.event_id)`);
  }
}

/** Reads every event through the cursor query in steps of `batchSize` and writes the derived rows; events/s. */
export async function measureWriteLimit(db: Db, batchSize: number): Promise<{ events: number; seconds: number }> {
  await prepare(db);
  const started = performance.now();
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const [c] = await rows<{ txid: string; event_id: string }>(
        tx,
        sql`SELECT txid::text, event_id::text FROM limit_cursor WHERE consumer = 'identity' FOR UPDATE`,
      );
      // The pipeline's cursor query (run-consumer-step.ts), column for column (the raw JSON read with the rest).
      const events = await rows<LimitEvent>(
        tx,
        sql`SELECT workspace_id AS "workspaceId", id, txid::text AS txid, source_id AS "sourceId", type, event,
                   user_id AS "userId", anonymous_id AS "anonymousId",
                   ${isoTime(sql`timestamp`)} AS timestamp, ${isoTime(sql`received_at`)} AS "receivedAt", raw
            FROM events
            WHERE (txid, id) > (${c.txid}::xid8, ${c.event_id}::uuid)
              AND txid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY events.txid, events.id
            LIMIT ${batchSize}`,
      );
      if (events.length === 0) return 0;
      const byWorkspace = new Map<string, LimitEvent[]>();
      for (const e of events) byWorkspace.set(e.workspaceId, [...(byWorkspace.get(e.workspaceId) ?? []), e]);
      for (const [workspaceId, batch] of byWorkspace) await write(tx, workspaceId, derive(batch));
      const last = events[events.length - 1];
      await tx.execute(
        sql`UPDATE limit_cursor SET txid = ${last.txid}::xid8, event_id = ${last.id}::uuid WHERE consumer = 'identity'`,
      );
      return events.length;
    });
    if (n === 0) break;
    total += n;
  }
  return { events: total, seconds: (performance.now() - started) / 1000 };
}
