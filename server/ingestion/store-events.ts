import type { Db } from "@/db/client";
import { canCopy, copyField, copyRows } from "@/db/copy-rows";
import { isTransaction, rawQuery } from "@/db/raw-query";
import type { EventRow } from "./normalize-message";

/**
 * The rows travel as two JSON parameters built by string concatenation: the columns, and the events' raw JSON
 * texts embedded as they are, paired up again by position. No escaping anywhere in the driver (array-literal
 * parameters cost a tenth of the server's CPU) and each raw text is parsed once, straight into jsonb.
 */
const insertEvents = (skipStored: boolean) => `
  INSERT INTO events (workspace_id, id, source_id, message_id, type, event, user_id, anonymous_id, group_id,
                      previous_id, timestamp, original_timestamp, sent_at, received_at, raw)
  SELECT $1::uuid, t.id, $2::uuid, t.m, t.t, t.e, t.u, t.a, t.g, t.p, t.ts, t.ot, t.sa, t.ra, r.raw
  FROM ROWS FROM (json_to_recordset($3::json) AS (id uuid, m text, t text, e text, u text, a text, g text, p text,
                                                   ts timestamptz, ot timestamptz, sa timestamptz, ra timestamptz))
       WITH ORDINALITY AS t(id, m, t, e, u, a, g, p, ts, ot, sa, ra, n)
  JOIN jsonb_array_elements($4::jsonb) WITH ORDINALITY AS r(raw, n) USING (n)
  ${skipStored ? "ON CONFLICT (workspace_id, message_id) DO NOTHING RETURNING message_id" : ""}`;

// New messageIds are the rule, so the cheapest way in goes first — COPY on Postgres, else a plain insert (a sixth
// cheaper than one that looks for conflicts and returns what it stored); the unique index still refuses a
// stored messageId, and only then does the insert run again skipping what is there.
const COPY_EVENTS = `COPY events (workspace_id, id, source_id, message_id, type, event, user_id, anonymous_id, group_id,
  previous_id, timestamp, original_timestamp, sent_at, received_at, raw) FROM STDIN`;
const INSERT_NEW = insertEvents(false);
const INSERT_SKIPPING_STORED = insertEvents(true);
const UNIQUE_VIOLATION = "23505";

const text = (value: string | null) => (value === null ? "null" : JSON.stringify(value));
// Ids, types and ISO timestamps are made by us and need no escaping.
const plain = (value: string | null) => (value === null ? "null" : `"${value}"`);

function columnsJson(rows: EventRow[]): string {
  const parts: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    parts[i] =
      `{"id":"${r.id}","m":${text(r.messageId)},"t":"${r.type}","e":${text(r.event)},"u":${text(r.userId)},"a":${text(r.anonymousId)},` +
      `"g":${text(r.groupId)},"p":${text(r.previousId)},"ts":"${r.timestamp}","ot":${plain(r.originalTimestamp)},"sa":${plain(r.sentAt)},"ra":"${r.receivedAt}"}`;
  }
  return `[${parts.join(",")}]`;
}

const rawsJson = (rows: EventRow[]) => `[${rows.map((r) => r.raw).join(",")}]`;

/** The rows as COPY text. Ids, types and timestamps are ours and need no escaping; JSON text has no raw control characters. */
function copyText(workspaceId: string, sourceId: string, rows: EventRow[]): string {
  let text = "";
  for (const r of rows) {
    const raw = r.raw.includes("\\") ? r.raw.replace(/\\/g, "\\\\") : r.raw;
    text +=
      `${workspaceId}\t${r.id}\t${sourceId}\t${copyField(r.messageId)}\t${r.type}\t${copyField(r.event)}\t${copyField(r.userId)}\t` +
      `${copyField(r.anonymousId)}\t${copyField(r.groupId)}\t${copyField(r.previousId)}\t${r.timestamp}\t${copyField(r.originalTimestamp)}\t` +
      `${copyField(r.sentAt)}\t${r.receivedAt}\t${raw}\n`;
  }
  return text;
}

/** Stores rows in one statement, refused whole (unique violation) when one of them is stored already. */
async function storeNew(db: Db, workspaceId: string, sourceId: string, rows: EventRow[]): Promise<void> {
  if (canCopy(db)) await copyRows(db, COPY_EVENTS, copyText(workspaceId, sourceId, rows));
  else await rawQuery(db, INSERT_NEW, [workspaceId, sourceId, columnsJson(rows), rawsJson(rows)]);
}

const byMessageId = (a: EventRow, b: EventRow) => (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0);

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown } };
  return e?.code === UNIQUE_VIOLATION || e?.cause?.code === UNIQUE_VIOLATION;
}

/**
 * Stores events in one statement (atomic: all or none). A messageId already stored in the workspace is
 * skipped, so retries never duplicate. Returns the messageIds that were new. Called by appendEvents
 * (append-events.ts), directly or through the group-commit writer, and by nothing else: the one way into `events`.
 *
 * `db` may be a caller's transaction: the rows then commit or roll back with it. There a refused statement would
 * abort the caller's transaction, so the statement that skips stored messageIds runs straight away instead of
 * the cheaper one that is refused by the first of them.
 */
export async function storeEvents(
  db: Db,
  workspaceId: string,
  sourceId: string,
  rows: EventRow[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  // A fixed order makes concurrent statements take unique-index locks in the same order: no deadlocks.
  const sorted = [...rows].sort(byMessageId);
  if (!isTransaction(db)) {
    try {
      await storeNew(db, workspaceId, sourceId, sorted);
      return new Set(sorted.map((row) => row.messageId));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const returned = await rawQuery<{ message_id: string }>(db, INSERT_SKIPPING_STORED, [
    workspaceId,
    sourceId,
    columnsJson(sorted),
    rawsJson(sorted),
  ]);
  return new Set(returned.map((r) => r.message_id));
}
