import type { Db } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import { PathTree, type TypeStats } from "./catalog-paths";
import type { EventRow } from "./normalize-message";
import { logFailure } from "../http/reply";

/**
 * Keeps the event catalog (observed property paths per source and event) up to date without slowing
 * ingestion: stored events are walked into in-memory path trees off the request path (setImmediate), and the
 * counts are upserted about once a second (and on shutdown) with `count = count + excluded.count`.
 */
const FLUSH_EVERY_MS = 1_000;
/** Distinct paths held per database between flushes; beyond that new paths wait for the next interval. */
const MAX_PATHS = 100_000;
/** Rows per upsert statement. */
const CHUNK = 2_000;
/** A database whose flushes keep failing (closed, say) has its unsaved counts dropped after this many tries. */
const MAX_FAILURES = 5;
const SEP = "\u0000";

// Arrays go over as text[] and are cast here (drizzle's postgres.js setup passes timestamptz[] through raw).
const UPSERT = `
  INSERT INTO event_catalog AS c (workspace_id, source_id, event_type, event_name, path, value_type, count, first_seen, last_seen)
  SELECT t.workspace_id::uuid, t.source_id::uuid, t.event_type, t.event_name, t.path, t.value_type, t.count::bigint, t.first_seen::timestamptz, t.last_seen::timestamptz
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       AS t(workspace_id, source_id, event_type, event_name, path, value_type, count, first_seen, last_seen)
  ON CONFLICT (workspace_id, source_id, event_type, event_name, path, value_type) DO UPDATE
  SET count = c.count + excluded.count, first_seen = least(c.first_seen, excluded.first_seen), last_seen = greatest(c.last_seen, excluded.last_seen)`;

type Stats = Pick<TypeStats, "count" | "first" | "last">;

/** One database's pending counts: a path tree per (workspace, source, type, name), plus counts a failed flush left. */
interface DbCounts {
  events: Map<string, PathTree>;
  paths: number;
  carried: Map<string, Stats>;
  failures: number;
}

const eventName = (row: EventRow) =>
  row.type === "track" || row.type === "page" || row.type === "screen" ? (row.event ?? "") : "";

class CatalogAggregator {
  private queue: { db: Db; workspaceId: string; sourceId: string; rows: EventRow[] }[] = [];
  private counts = new Map<Db, DbCounts>();
  private walkScheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  observe(db: Db, workspaceId: string, sourceId: string, rows: EventRow[]): void {
    if (rows.length === 0) return;
    this.queue.push({ db, workspaceId, sourceId, rows });
    if (!this.walkScheduled) {
      this.walkScheduled = true;
      setImmediate(this.absorb);
    }
    if (!this.timer) {
      this.timer = setInterval(
        () => void this.flush().catch((error) => logFailure("event catalog: flush failed", error)),
        FLUSH_EVERY_MS,
      );
      this.timer.unref();
    }
  }

  /** Walks queued events into the path trees. */
  private absorb = (): void => {
    this.walkScheduled = false;
    const queue = this.queue;
    this.queue = [];
    for (const { db, workspaceId, sourceId, rows } of queue) {
      const counts = this.countsOf(db);
      for (const row of rows) {
        const message = row.message ?? (JSON.parse(row.raw) as Record<string, unknown>);
        const key = workspaceId + SEP + sourceId + SEP + row.type + SEP + eventName(row);
        let tree = counts.events.get(key);
        if (!tree) counts.events.set(key, (tree = new PathTree(Math.max(0, MAX_PATHS - counts.paths))));
        const before = tree.nodes;
        tree.record(message, Date.parse(row.receivedAt));
        counts.paths += tree.nodes - before;
      }
    }
  };

  private countsOf(db: Db): DbCounts {
    let counts = this.counts.get(db);
    if (!counts) this.counts.set(db, (counts = { events: new Map(), paths: 0, carried: new Map(), failures: 0 }));
    return counts;
  }

  /** Writes the counts gathered so far. A call during a flush waits for it, then flushes again. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => {});
    this.absorb();
    this.flushing = this.writeAll();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  private async writeAll(): Promise<void> {
    const errors: unknown[] = [];
    for (const [db, counts] of [...this.counts]) {
      const entries = takeEntries(counts);
      if (entries.size === 0) continue;
      try {
        await upsert(db, entries);
        counts.failures = 0;
      } catch (error) {
        if (isClosed(error)) {
          this.counts.delete(db); // its owner closed it (a test, a shutdown): nobody will read these counts
          continue;
        }
        errors.push(error);
        if (++counts.failures >= MAX_FAILURES) {
          console.error(`event catalog: dropping ${entries.size} unsaved counts after ${MAX_FAILURES} failed flushes`);
          this.counts.delete(db);
        } else {
          counts.carried = entries;
        }
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}

/** The error of a database handle that was closed (PGlite, or a postgres.js pool after end()). */
function isClosed(error: unknown): boolean {
  const { message, code } = (error ?? {}) as { message?: string; code?: string };
  return code === "CONNECTION_ENDED" || code === "CONNECTION_DESTROYED" || /PGlite is closed/.test(message ?? "");
}

/** Empties a database's trees into rows keyed by their catalog key (paths spelled alike are merged). */
function takeEntries(counts: DbCounts): Map<string, Stats> {
  const entries = counts.carried;
  counts.carried = new Map();
  for (const [eventKey, tree] of counts.events) {
    for (const { path, type, count, first, last } of tree.entries())
      add(entries, eventKey + SEP + path + SEP + type, { count, first, last });
  }
  counts.events = new Map();
  counts.paths = 0;
  return entries;
}

function add(entries: Map<string, Stats>, key: string, value: Stats): void {
  const existing = entries.get(key);
  if (!existing) {
    entries.set(key, { count: value.count, first: value.first, last: value.last });
    return;
  }
  existing.count += value.count;
  existing.first = Math.min(existing.first, value.first);
  existing.last = Math.max(existing.last, value.last);
}

async function upsert(db: Db, entries: Map<string, Stats>): Promise<void> {
  // Sorted, so concurrent processes lock catalog rows in the same order.
  const keys = [...entries.keys()].sort();
  for (let start = 0; start < keys.length; start += CHUNK) {
    const columns: string[][] = [[], [], [], [], [], [], [], [], []];
    for (const key of keys.slice(start, start + CHUNK)) {
      const { count, first, last } = entries.get(key)!;
      const values = [...key.split(SEP), String(count), new Date(first).toISOString(), new Date(last).toISOString()];
      values.forEach((value, i) => columns[i].push(value));
    }
    await rawQuery(db, UPSERT, columns);
  }
}

const holder = globalThis as typeof globalThis & { __cdpCatalog?: CatalogAggregator };
const aggregator = () => (holder.__cdpCatalog ??= new CatalogAggregator());

/** Counts newly stored events into the catalog (cheap: the work happens off the request path). */
export function observeCatalog(db: Db, workspaceId: string, sourceId: string, rows: EventRow[]): void {
  aggregator().observe(db, workspaceId, sourceId, rows);
}

/** Writes every count gathered so far to event_catalog (the periodic flush, shutdown, tests). */
export function flushCatalog(): Promise<void> {
  return holder.__cdpCatalog?.flush() ?? Promise.resolve();
}
