import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { identityConsumer } from "../identity/identity-consumer";
import type { LoadedRules } from "../identity/load-identity-rules";
import { recordTraits, type TraitValue } from "../identity/record-traits";
import type { PreparedRow } from "./prepare-row";

export interface ChunkRow {
  rowNumber: number;
  /** The row's cells in the file's column order, or null when it could not be read into cells. */
  cells: string[] | null;
  /** The row as it is in the file (kept only for rows that could not be read into cells). */
  line: string | null;
  prepared: PreparedRow;
}

export interface ChunkCounts {
  rowsTotal: number;
  rowsMatched: number;
  rowsCreated: number;
  rowsUnmatched: number;
  rowsInvalid: number;
  traitsWritten: number;
}

export const emptyCounts = (): ChunkCounts => ({
  rowsTotal: 0,
  rowsMatched: 0,
  rowsCreated: 0,
  rowsUnmatched: 0,
  rowsInvalid: 0,
  traitsWritten: 0,
});

/** Invalid rows kept per file (the count goes on): a wrong key column on a huge file stays cheap. */
export const MAX_STORED_INVALID = 10_000;

/**
 * The id a row's values carry in trait_history (where an event's id goes): the file's id with the row number
 * in its last 48 bits, so within a file a later row is a later id (a tie on "as of" goes to the later row).
 */
export const rowEventId = (fileId: string, rowNumber: number) =>
  `${fileId.slice(0, 24)}${rowNumber.toString(16).padStart(12, "0")}`;

const json = (value: unknown) => sql`${JSON.stringify(value)}::json`;

export interface ChunkContext {
  workspaceId: string;
  fileId: string;
  keyType: string;
  createProfiles: boolean;
  rules: LoadedRules;
  /** Invalid rows already stored for this file (to respect MAX_STORED_INVALID). */
  storedInvalid: number;
}

/**
 * One chunk of a file in one short transaction: the key values are looked up among the workspace's
 * identities; matching rows give their traits to the profile (recordTraits: history and survivorship, the
 * file as source); rows matching nothing create a profile with that identifier when asked, else are kept
 * for the unmatched download; invalid rows are kept with their reason. The file's totals move in the same
 * transaction. The identity consumer's cursor row is locked first, so no merge or new identity of the
 * pipeline can slip between the lookup and the writes (on Postgres, where they run concurrently).
 */
export async function applyChunk(tx: Db, ctx: ChunkContext, chunk: ChunkRow[]): Promise<ChunkCounts> {
  const counts = emptyCounts();
  counts.rowsTotal = chunk.length;
  const { workspaceId, fileId, keyType } = ctx;
  await tx.execute(sql`INSERT INTO pipeline_cursors (consumer) VALUES (${identityConsumer.id}) ON CONFLICT DO NOTHING`);
  await tx.execute(sql`SELECT 1 FROM pipeline_cursors WHERE consumer = ${identityConsumer.id} FOR UPDATE`);

  const valid = chunk.filter((r) => r.prepared.ok) as (ChunkRow & { prepared: PreparedRow & { ok: true } })[];
  const keys = [...new Set(valid.map((r) => r.prepared.key))];
  const profileOf = new Map<string, string>();
  if (keys.length > 0) {
    const found = await rows<{ value: string; profile_id: string }>(
      tx,
      sql`SELECT value, profile_id FROM identities
          WHERE workspace_id = ${workspaceId} AND type = ${keyType} AND value IN (SELECT value FROM json_array_elements_text(${json(keys)}))`,
    );
    for (const f of found) profileOf.set(f.value, f.profile_id);
  }

  const stored: { row: number; kind: string; reason: string | null; cells: string[] | null; line: string | null }[] =
    [];
  const created: { id: string; value: string; at: string; event: string }[] = [];
  const values: TraitValue[] = [];
  for (const r of chunk) {
    if (!r.prepared.ok) {
      counts.rowsInvalid += 1;
      if (ctx.storedInvalid + stored.length < MAX_STORED_INVALID)
        stored.push({ row: r.rowNumber, kind: "invalid", reason: r.prepared.reason, cells: r.cells, line: r.line });
      continue;
    }
    const { key, traits, asOf } = r.prepared;
    const event = rowEventId(fileId, r.rowNumber);
    let profile = profileOf.get(key);
    if (profile) counts.rowsMatched += 1;
    else if (ctx.createProfiles) {
      profile = uuidv7();
      profileOf.set(key, profile);
      created.push({ id: profile, value: key, at: asOf, event });
      counts.rowsCreated += 1;
    } else {
      counts.rowsUnmatched += 1;
      stored.push({ row: r.rowNumber, kind: "unmatched", reason: null, cells: r.cells, line: r.line });
      continue;
    }
    for (const t of traits) values.push({ profile, event, name: t.name, value: t.value, at: asOf, source: fileId });
  }
  ctx.storedInvalid += stored.filter((s) => s.kind === "invalid").length;

  if (created.length > 0) {
    await tx.execute(sql`INSERT INTO profiles (workspace_id, id, first_seen, last_seen)
      SELECT ${workspaceId}, id, at, at FROM json_to_recordset(${json(created)}) AS r(id uuid, at timestamptz)`);
    await tx.execute(sql`INSERT INTO identities (workspace_id, type, value, profile_id, first_seen, last_seen, first_event_id, source_id)
      SELECT ${workspaceId}, ${keyType}, value, id, at, at, event, ${fileId}
      FROM json_to_recordset(${json(created)}) AS r(id uuid, value text, at timestamptz, event uuid)`);
  }
  if (values.length > 0) {
    await recordTraits(tx, workspaceId, values, ctx.rules.rules.survivorship);
    counts.traitsWritten = values.length;
  }
  if (stored.length > 0) {
    await tx.execute(sql`INSERT INTO enrichment_file_rows (workspace_id, file_id, row_number, kind, reason, cells, line)
      SELECT ${workspaceId}, ${fileId}, row, kind, reason, cells, line
      FROM json_to_recordset(${json(stored)}) AS r(row int, kind text, reason text, cells jsonb, line text)
      ON CONFLICT DO NOTHING`);
  }
  await tx.execute(sql`UPDATE enrichment_files SET
      rows_total = rows_total + ${counts.rowsTotal}, rows_matched = rows_matched + ${counts.rowsMatched},
      rows_created = rows_created + ${counts.rowsCreated}, rows_unmatched = rows_unmatched + ${counts.rowsUnmatched},
      rows_invalid = rows_invalid + ${counts.rowsInvalid}, traits_written = traits_written + ${counts.traitsWritten},
      heartbeat_at = now()
    WHERE workspace_id = ${workspaceId} AND id = ${fileId}`);
  return counts;
}
