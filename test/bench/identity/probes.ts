/**
 * What the identity benchmark asks the database while it runs: where the identity consumer is, how far behind,
 * what resolution wrote, whether probe events have reached their profile. Plain functions over a Db, so the
 * Postgres run calls them from the benchmark process and the PGlite run through the server's control route.
 */
import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";

const CONSUMER = "identity";
const cursor = sql`(SELECT coalesce((SELECT txid FROM pipeline_cursors WHERE consumer = ${CONSUMER}), '0'::xid8) AS txid,
                           coalesce((SELECT event_id FROM pipeline_cursors WHERE consumer = ${CONSUMER}), '00000000-0000-0000-0000-000000000000'::uuid) AS id)`;

/** True once the identity consumer's cursor stands on the newest event. */
export async function caughtUp(db: Db): Promise<boolean> {
  const [row] = await rows<{ done: boolean }>(
    db,
    sql`SELECT NOT EXISTS (SELECT 1 FROM events e, ${cursor} c WHERE (e.txid, e.id) > (c.txid, c.id)) AS done`,
  );
  return row.done;
}

/** Events the identity consumer has not processed yet, and how long the oldest of them has waited (s). */
export async function lag(db: Db): Promise<{ unprocessed: number; oldestSeconds: number }> {
  const [row] = await rows<{ unprocessed: number; oldest: number | null }>(
    db,
    sql`SELECT count(*)::int AS unprocessed, extract(epoch FROM clock_timestamp() - min(e.received_at))::float8 AS oldest
        FROM events e, ${cursor} c WHERE (e.txid, e.id) > (c.txid, c.id)`,
  );
  return { unprocessed: row.unprocessed, oldestSeconds: row.oldest ?? 0 };
}

/** How many rows of each kind identity resolution has written in a workspace. */
export async function counts(db: Db, workspaceId: string) {
  const [row] = await rows<Record<string, number>>(
    db,
    sql`SELECT (SELECT count(*)::int FROM events WHERE workspace_id = ${workspaceId}) AS events,
               (SELECT count(*)::int FROM profiles WHERE workspace_id = ${workspaceId} AND merged_into IS NULL) AS profiles,
               (SELECT count(*)::int FROM profiles WHERE workspace_id = ${workspaceId} AND merged_into IS NOT NULL) AS merged,
               (SELECT count(*)::int FROM identities WHERE workspace_id = ${workspaceId}) AS identities,
               (SELECT count(*)::int FROM identity_links WHERE workspace_id = ${workspaceId}) AS links,
               (SELECT count(*)::int FROM profile_events WHERE workspace_id = ${workspaceId}) AS "profileEvents",
               (SELECT count(*)::int FROM trait_history WHERE workspace_id = ${workspaceId}) AS "traitHistory",
               (SELECT count(*)::int FROM profile_traits WHERE workspace_id = ${workspaceId}) AS "profileTraits",
               (SELECT count(*)::int FROM identity_notes WHERE workspace_id = ${workspaceId}) AS notes`,
  );
  return row as {
    events: number;
    profiles: number;
    merged: number;
    identities: number;
    links: number;
    profileEvents: number;
    traitHistory: number;
    profileTraits: number;
    notes: number;
  };
}

/**
 * People whose identifiers (all named after the person's number, see people.ts) ended up on more than one
 * profile, and people seen at all: every person should be exactly one profile.
 */
export async function people(db: Db, workspaceId: string): Promise<{ people: number; split: number }> {
  const [row] = await rows<{ people: number; split: number }>(
    db,
    sql`SELECT count(*)::int AS people, (count(*) FILTER (WHERE n > 1))::int AS split
        FROM (SELECT substring(value FROM '[0-9]+') AS person, count(DISTINCT profile_id) AS n
              FROM identities WHERE workspace_id = ${workspaceId} GROUP BY 1) p`,
  );
  return row;
}

/** Which of these messageIds' events have reached a profile (have their profile_events row). */
export async function applied(db: Db, workspaceId: string, messageIds: string[]): Promise<string[]> {
  if (messageIds.length === 0) return [];
  const found = await rows<{ messageId: string }>(
    db,
    sql`SELECT e.message_id AS "messageId" FROM events e
        JOIN profile_events pe ON pe.workspace_id = e.workspace_id AND pe.event_id = e.id
        WHERE e.workspace_id = ${workspaceId}
          AND e.message_id IN (SELECT json_array_elements_text(${JSON.stringify(messageIds)}::json))`,
  );
  return found.map((r) => r.messageId);
}

/** Every email identity stored in the workspace (the Profile API phase asks for random ones). */
export async function emails(db: Db, workspaceId: string): Promise<string[]> {
  const found = await rows<{ value: string }>(
    db,
    sql`SELECT value FROM identities WHERE workspace_id = ${workspaceId} AND type = 'email'`,
  );
  return found.map((r) => r.value);
}

/**
 * The oldest transaction on the whole server that holds a transaction id: the pipeline reads only below the
 * snapshot horizon, which is server-wide — a long write in any database (another team's test, a DROP
 * DATABASE) holds back every consumer here. Null when none.
 */
export async function oldestWriter(db: Db): Promise<{ seconds: number; database: string; query: string } | null> {
  const [row] = await rows<{ seconds: number; database: string; query: string }>(
    db,
    sql`SELECT extract(epoch FROM clock_timestamp() - xact_start)::float8 AS seconds, datname AS database,
               left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 60) AS query
        FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
        ORDER BY xact_start LIMIT 1`,
  );
  return row ?? null;
}

export const PROBES = { caughtUp, lag, counts, people, applied, emails, oldestWriter } as const;
export type ProbeName = keyof typeof PROBES;
