import type { Db } from "@/db/client";
import { isTransaction } from "@/db/raw-query";
import type { EventRow } from "./normalize-message";
import { isDataError, refusalReason } from "./storage-refusal";
import { storeEvents } from "./store-events";

/**
 * Group commit for the tracking API. Rows of concurrent requests are collected for a moment and stored with
 * one storeEvents statement (atomic) per database, workspace and source — whole requests only, up to maxRows
 * rows; each request's promise settles only once the statement holding its rows has committed. A statement the
 * database refuses for a row's data (storage-refusal.ts) is split and retried until the rows at fault are
 * alone: those are refused with a reason, the others commit. Any other failure (an outage) rejects every
 * request in the statement. While `maxInFlight` statements run, new rows keep collecting, so batches grow
 * with the load instead of the queue of statements.
 */
export interface WriterSettings {
  /** How long the first row of a batch may wait for company. */
  maxWaitMs: number;
  /** Flush without waiting once this many rows are pending; also the most rows one statement takes. */
  maxRows: number;
  /** Statements running at once (per process). */
  maxInFlight: number;
}

// Bounded statements keep one big statement from holding every waiting request behind it; on 2 cores
// (test/bench/ingest.mts) 400 rows × 4 measured at least as fast as unbounded statements × 2, and × 8 another
// tenth faster: while some statements wait for their commit to reach the disk, others keep both cores busy.
export const WRITER_DEFAULTS: WriterSettings = { maxWaitMs: 2, maxRows: 400, maxInFlight: 8 };

/** A row's fate: true when stored now, false when its messageId was already stored, or why the database refused it. */
export type RowOutcome = boolean | { refused: string };

interface Waiter {
  rows: EventRow[];
  resolve(outcomes: RowOutcome[]): void;
  reject(error: unknown): void;
}

interface Group {
  db: Db;
  workspaceId: string;
  sourceId: string;
  waiters: Waiter[];
}

export class EventWriter {
  private pending = new Map<string, Group>();
  private pendingRows = 0;
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private running = new Set<Promise<void>>();
  private dbKeys = new WeakMap<Db, number>();
  private nextDbKey = 1;

  constructor(readonly settings: WriterSettings = WRITER_DEFAULTS) {}

  /** Resolves, once committed, with one outcome per row (see RowOutcome). Rejects on a storage outage. */
  write(db: Db, workspaceId: string, sourceId: string, rows: EventRow[]): Promise<RowOutcome[]> {
    if (rows.length === 0) return Promise.resolve([]);
    if (isTransaction(db)) throw new Error("the group-commit writer cannot join a caller's transaction");
    return new Promise((resolve, reject) => {
      let dbKey = this.dbKeys.get(db);
      if (dbKey === undefined) this.dbKeys.set(db, (dbKey = this.nextDbKey++));
      const key = `${dbKey}/${workspaceId}/${sourceId}`;
      let group = this.pending.get(key);
      if (!group) this.pending.set(key, (group = { db, workspaceId, sourceId, waiters: [] }));
      group.waiters.push({ rows, resolve, reject });
      this.pendingRows += rows.length;
      if (this.pendingRows >= this.settings.maxRows && this.inFlight < this.settings.maxInFlight) this.flush();
      else this.timer ??= setTimeout(this.onTimer, this.settings.maxWaitMs);
    });
  }

  /** Stores everything pending and waits for every running statement (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.pending.size > 0 || this.running.size > 0) {
      if (this.pending.size > 0) this.flush();
      await Promise.allSettled([...this.running]);
    }
  }

  private onTimer = () => {
    this.timer = null;
    // At the in-flight limit the rows wait for a running statement to finish, which flushes them.
    if (this.inFlight < this.settings.maxInFlight) this.flush();
  };

  /**
   * Starts one statement per pending group, each with the oldest requests up to maxRows rows (a larger request
   * goes alone); while rows remain and statements may still start, starts more. What is left waits for a
   * running statement to finish.
   */
  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    do {
      for (const [key, group] of this.pending) {
        let count = 0;
        let rows = 0;
        while (
          count < group.waiters.length &&
          (count === 0 || rows + group.waiters[count].rows.length <= this.settings.maxRows)
        ) {
          rows += group.waiters[count++].rows.length;
        }
        const batch = count === group.waiters.length ? group : { ...group, waiters: group.waiters.splice(0, count) };
        if (batch === group) this.pending.delete(key);
        this.pendingRows -= rows;
        this.start(batch);
      }
    } while (this.pending.size > 0 && this.inFlight < this.settings.maxInFlight);
  }

  private start(group: Group): void {
    this.inFlight++;
    const run: Promise<void> = this.commit(group).finally(() => {
      this.inFlight--;
      this.running.delete(run);
      if (this.pending.size > 0 && this.inFlight < this.settings.maxInFlight) this.flush();
    });
    this.running.add(run);
  }

  private async commit(group: Group): Promise<void> {
    // One row per messageId goes to the database; the first request to carry it gets the credit.
    const seen = new Set<string>();
    const rows: EventRow[] = [];
    for (const waiter of group.waiters) {
      for (const row of waiter.rows) {
        if (seen.has(row.messageId)) continue;
        seen.add(row.messageId);
        rows.push(row);
      }
    }
    const inserted = new Set<string>();
    const refused = new Map<string, string>();
    try {
      await this.store(group, rows, inserted, refused);
    } catch (error) {
      for (const waiter of group.waiters) waiter.reject(error);
      return;
    }
    for (const waiter of group.waiters) {
      waiter.resolve(
        waiter.rows.map((row) =>
          refused.has(row.messageId) ? { refused: refused.get(row.messageId)! } : inserted.delete(row.messageId),
        ),
      );
    }
  }

  /** Stores rows in one statement; refused for a row's data, in halves (concurrently) down to the culprits. */
  private async store(
    group: Group,
    rows: EventRow[],
    inserted: Set<string>,
    refused: Map<string, string>,
  ): Promise<void> {
    try {
      for (const messageId of await storeEvents(group.db, group.workspaceId, group.sourceId, rows))
        inserted.add(messageId);
    } catch (error) {
      if (!isDataError(error)) throw error;
      if (rows.length === 1) {
        refused.set(rows[0].messageId, refusalReason(error));
        return;
      }
      const half = rows.length >> 1;
      await Promise.all([
        this.store(group, rows.slice(0, half), inserted, refused),
        this.store(group, rows.slice(half), inserted, refused),
      ]);
    }
  }
}

// One writer per process, shared by the custom server and Next's bundle (they load separate module copies).
const holder = globalThis as typeof globalThis & { __cdpEventWriter?: EventWriter };
const writer = () => (holder.__cdpEventWriter ??= new EventWriter());

/** Stores rows through the process's group-commit writer; see EventWriter.write. */
export function writeEvents(db: Db, workspaceId: string, sourceId: string, rows: EventRow[]): Promise<RowOutcome[]> {
  return writer().write(db, workspaceId, sourceId, rows);
}

/** Waits until every event handed to the writer is committed or failed. */
export function drainEventWriter(): Promise<void> {
  return holder.__cdpEventWriter?.drain() ?? Promise.resolve();
}
