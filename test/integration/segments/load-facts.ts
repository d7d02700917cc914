import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import type { ProfileFacts } from "@/server/segments/evaluate-profile";

/**
 * Writes profiles with their golden-record traits, identities and timelines straight into the tables the
 * segment compiler reads (profiles, profile_traits, identities, events, profile_events), bypassing the
 * pipeline: what is stored is exactly the facts the in-memory evaluator is given. Returns name → profile id.
 */
export async function loadFacts(
  db: Db,
  workspaceId: string,
  profiles: { name: string; facts: ProfileFacts; mergedInto?: string }[],
): Promise<Map<string, string>> {
  const ids = new Map(profiles.map((p) => [p.name, uuidv7()]));
  const source = uuidv7();
  const seen = "2026-01-01T00:00:00Z";
  const profileRows: SQL[] = [];
  const traitRows: SQL[] = [];
  const identityRows: SQL[] = [];
  const eventRows: SQL[] = [];
  const timelineRows: SQL[] = [];
  for (const p of profiles) {
    const id = ids.get(p.name)!;
    const merged = p.mergedInto ? ids.get(p.mergedInto)! : null;
    profileRows.push(
      sql`(${workspaceId}::uuid, ${id}::uuid, ${seen}::timestamptz, ${seen}::timestamptz, ${merged}::uuid)`,
    );
    for (const [name, value] of Object.entries(p.facts.traits))
      traitRows.push(
        sql`(${workspaceId}::uuid, ${id}::uuid, ${name}, ${JSON.stringify(value)}::jsonb, ${seen}::timestamptz, ${source}::uuid, ${uuidv7()}::uuid)`,
      );
    for (const identity of p.facts.identities)
      identityRows.push(
        sql`(${workspaceId}::uuid, ${identity.type}, ${`${identity.value}/${id}`}, ${id}::uuid, ${seen}::timestamptz, ${seen}::timestamptz, ${uuidv7()}::uuid, ${source}::uuid)`,
      );
    for (const e of p.facts.events) {
      const eventId = uuidv7();
      const at = new Date(e.timestamp).toISOString();
      eventRows.push(
        sql`(${workspaceId}::uuid, ${eventId}::uuid, ${source}::uuid, ${eventId}, ${e.type}, ${e.event}, ${at}::timestamptz, ${at}::timestamptz, ${JSON.stringify(e.raw)}::jsonb)`,
      );
      timelineRows.push(sql`(${workspaceId}::uuid, ${eventId}::uuid, ${id}::uuid, ${at}::timestamptz)`);
    }
  }
  const insert = async (head: SQL, values: SQL[]) => {
    for (let i = 0; i < values.length; i += 500)
      await db.execute(sql`${head} VALUES ${sql.join(values.slice(i, i + 500), sql`, `)}`);
  };
  await insert(sql`INSERT INTO profiles (workspace_id, id, first_seen, last_seen, merged_into)`, profileRows);
  await insert(
    sql`INSERT INTO profile_traits (workspace_id, profile_id, name, value, event_time, source_id, event_id)`,
    traitRows,
  );
  await insert(
    sql`INSERT INTO identities (workspace_id, type, value, profile_id, first_seen, last_seen, first_event_id, source_id)`,
    identityRows,
  );
  await insert(
    sql`INSERT INTO events (workspace_id, id, source_id, message_id, type, event, timestamp, received_at, raw)`,
    eventRows,
  );
  await insert(sql`INSERT INTO profile_events (workspace_id, event_id, profile_id, timestamp)`, timelineRows);
  return ids;
}
