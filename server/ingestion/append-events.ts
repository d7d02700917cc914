import type { Db } from "@/db/client";
import { isTransaction } from "@/db/raw-query";
import { rememberMessages } from "../pipeline/recent-messages";
import { wakePipeline } from "../pipeline/wake-pipeline";
import { writeEvents, type RowOutcome } from "./event-writer";
import { normalizeMessage, type EventRow, type NormalizeOptions, type RejectionCode } from "./normalize-message";
import { recordRejections, type Rejection } from "./record-rejections";
import { storeEvents } from "./store-events";

/**
 * The one door into the event log. Every producer — the tracking API, webhook deliveries and their replays,
 * file imports, the demo — hands its events here, and nothing else writes `events`:
 *  1. messages are normalised (normalize-message.ts); rows a caller built itself (a webhook mapping, an import)
 *     come in as they are;
 *  2. the accepted rows are stored (a messageId already stored in the workspace is a duplicate, never a second
 *     row), the refused messages kept with their reasons for the source's live debugger;
 *  3. once committed, the pipeline is woken: its consumers (identity, event catalog …) read the new rows from
 *     the log with their own cursors. Nothing else happens inside storage.
 *
 * How rows are written (`write`):
 *  - "group" (the default): through the process's group-commit writer (event-writer.ts). Concurrent callers
 *    share statements; a row the database refuses for its data is refused alone, the others commit. For
 *    request-sized callers (the tracking API, the demo's traffic).
 *  - "direct": one statement of their own, all or none; a refused row fails the call. For callers that store
 *    big chunks and count what was new (file imports, replays) or must answer for the whole (a webhook
 *    delivery). A caller's transaction (`db` from `db.transaction`) is always written directly — the writer's
 *    statements cannot join it — and commits or rolls back with it; the pipeline is then not woken here (the
 *    rows are not committed yet): it finds them at its next poll, or the caller calls wakePipeline() after
 *    its commit.
 */
export interface AppendBatch {
  workspaceId: string;
  sourceId: string;
  /** Messages as received, to normalise; each with its own options (receivedAt, the endpoint's type …). */
  messages?: IncomingMessage[];
  /** Rows normalised by the caller, stored as they are. */
  rows?: EventRow[];
  /** Messages the caller refused itself (a mapping's errors), kept for the debugger. */
  rejections?: TimedRejection[];
}

export interface IncomingMessage extends NormalizeOptions {
  message: unknown;
  /** Its position in the request's batch (null or absent for a single-event call), kept with a rejection. */
  batchIndex?: number | null;
}

export type TimedRejection = Rejection & { receivedAt: Date };

export interface AppendOptions {
  write?: "group" | "direct";
}

/** One message's or row's fate. */
export type AppendOutcome =
  | { status: "stored" }
  | { status: "duplicate" }
  | { status: "rejected"; code: RejectionCode | "unstorable_event"; reason: string };

export interface AppendResult {
  /** One per message, then one per row, in the order given. */
  outcomes: AppendOutcome[];
  stored: number;
  duplicates: number;
  rejected: number;
}

const STORED: AppendOutcome = Object.freeze({ status: "stored" });
const DUPLICATE: AppendOutcome = Object.freeze({ status: "duplicate" });

/**
 * Appends events to the log; resolves once they and the rejections are committed (or, in a caller's
 * transaction, written in it). Storage outages throw; nothing of the call is then acknowledged.
 */
export async function appendEvents(db: Db, batch: AppendBatch, options: AppendOptions = {}): Promise<AppendResult> {
  const { workspaceId, sourceId } = batch;
  noteDatabase(db);
  const messages = batch.messages ?? [];
  const outcomes: AppendOutcome[] = new Array(messages.length + (batch.rows?.length ?? 0));
  const accepted: EventRow[] = [];
  /** For each accepted row: its outcome slot, and what a refusal of it keeps (when it came as a message). */
  const slots: { at: number; batchIndex: number | null; receivedAt?: Date }[] = [];
  const refused: TimedRejection[] = [...(batch.rejections ?? [])];

  messages.forEach((incoming, i) => {
    const normalized = normalizeMessage(incoming.message, incoming);
    const batchIndex = incoming.batchIndex ?? null;
    if (normalized.ok) {
      accepted.push(normalized.row);
      slots.push({ at: i, batchIndex, receivedAt: incoming.receivedAt });
      return;
    }
    outcomes[i] = { status: "rejected", code: normalized.code, reason: normalized.reason };
    refused.push({ reason: normalized.reason, batchIndex, payload: incoming.message, receivedAt: incoming.receivedAt });
  });
  (batch.rows ?? []).forEach((row, i) => {
    accepted.push(row);
    slots.push({ at: messages.length + i, batchIndex: null });
  });

  const inTransaction = isTransaction(db);
  const storing = () =>
    options.write === "direct" || inTransaction
      ? storeDirectly(db, workspaceId, sourceId, accepted)
      : writeEvents(db, workspaceId, sourceId, accepted);
  // A transaction's connection runs one statement at a time: one after the other there.
  const [rowOutcomes] = inTransaction
    ? [await storing(), await keepRejections(db, batch, refused)]
    : await Promise.all([storing(), keepRejections(db, batch, refused)]);

  // Rows the database refused for their data (the writer isolates them) are refused alone, like invalid ones.
  const refusedRows: TimedRejection[] = [];
  const storedRows: EventRow[] = [];
  const result: AppendResult = { outcomes, stored: 0, duplicates: 0, rejected: batch.rejections?.length ?? 0 };
  rowOutcomes.forEach((outcome, i) => {
    const slot = slots[i];
    if (outcome === true) {
      outcomes[slot.at] = STORED;
      storedRows.push(accepted[i]);
    } else if (outcome === false) outcomes[slot.at] = DUPLICATE;
    else {
      outcomes[slot.at] = { status: "rejected", code: "unstorable_event", reason: outcome.refused };
      refusedRows.push({
        reason: outcome.refused,
        batchIndex: slot.batchIndex,
        payload: accepted[i].raw,
        receivedAt: slot.receivedAt ?? new Date(accepted[i].receivedAt),
      });
    }
  });
  await keepRejections(db, batch, refusedRows);
  for (const outcome of outcomes) {
    if (outcome.status === "stored") result.stored++;
    else if (outcome.status === "duplicate") result.duplicates++;
    else result.rejected++;
  }
  if (result.stored > 0 && !inTransaction) {
    rememberMessages(storedRows); // committed: consumers can read them now
    wakePipeline();
  }
  return result;
}

/** One statement; the first row to carry a messageId gets the credit, a later one in the same call is a duplicate. */
async function storeDirectly(db: Db, workspaceId: string, sourceId: string, rows: EventRow[]): Promise<RowOutcome[]> {
  const inserted = await storeEvents(db, workspaceId, sourceId, rows);
  return rows.map((row) => inserted.delete(row.messageId));
}

/** Keeps rejections for the debugger, one statement per receivedAt (the column they share). */
async function keepRejections(db: Db, batch: AppendBatch, rejections: TimedRejection[]): Promise<void> {
  const byTime = new Map<number, TimedRejection[]>();
  for (const rejection of rejections) {
    const at = rejection.receivedAt.getTime();
    const same = byTime.get(at);
    if (same) same.push(rejection);
    else byTime.set(at, [rejection]);
  }
  for (const [at, same] of byTime) {
    await recordRejections(
      db,
      batch.workspaceId,
      batch.sourceId,
      new Date(at),
      same.map(({ reason, batchIndex, payload }) => ({ reason, batchIndex, payload })),
    );
  }
}

// The databases events were appended to in this process (flushCatalog catches the catalog up on each). Held
// weakly: a test's closed database is not kept alive. On globalThis: Next's bundle has its own module copies.
const holder = globalThis as typeof globalThis & { __cdpAppendedDbs?: Set<WeakRef<Db>> };
const appended = (holder.__cdpAppendedDbs ??= new Set<WeakRef<Db>>());
const noted = new WeakSet<Db>();

function noteDatabase(db: Db): void {
  if (noted.has(db) || isTransaction(db)) return;
  noted.add(db);
  appended.add(new WeakRef(db));
}

/** The databases events were appended to in this process and not yet collected (some may be closed). */
export function appendedDatabases(): Db[] {
  const live: Db[] = [];
  for (const ref of appended) {
    const db = ref.deref();
    if (db) live.push(db);
    else appended.delete(ref);
  }
  return live;
}
