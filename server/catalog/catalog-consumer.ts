import type { Db } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import { PathTree } from "../ingestion/catalog-paths";
import type { PipelineConsumer, PipelineEvent } from "../pipeline/define-consumer";

/**
 * The event catalog (observed property paths per source and event, with JSON types, counts, first and last
 * seen) as a consumer of the event log. Each step walks its events into in-memory path trees and adds the
 * counts with one upsert per chunk (`count = count + excluded.count`) in the step's transaction: the cursor
 * moves with the counts, so every stored event is counted exactly once, whichever door it came through, and
 * intake does no catalog work at all.
 */
const SEP = "\u0000";
/** Distinct paths counted per step; the paths of a batch beyond that are not counted (a hostile flood). */
const MAX_PATHS = 100_000;
/** Rows per upsert statement. */
const CHUNK = 2_000;

// Arrays go over as text[] and are cast here (drizzle's postgres.js setup passes timestamptz[] through raw).
const UPSERT = `
  INSERT INTO event_catalog AS c (workspace_id, source_id, event_type, event_name, path, value_type, count, first_seen, last_seen)
  SELECT t.workspace_id::uuid, t.source_id::uuid, t.event_type, t.event_name, t.path, t.value_type, t.count::bigint, t.first_seen::timestamptz, t.last_seen::timestamptz
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
       AS t(workspace_id, source_id, event_type, event_name, path, value_type, count, first_seen, last_seen)
  ON CONFLICT (workspace_id, source_id, event_type, event_name, path, value_type) DO UPDATE
  SET count = c.count + excluded.count, first_seen = least(c.first_seen, excluded.first_seen), last_seen = greatest(c.last_seen, excluded.last_seen)`;

const eventName = (e: PipelineEvent) =>
  e.type === "track" || e.type === "page" || e.type === "screen" ? (e.event ?? "") : "";

export const catalogConsumer: PipelineConsumer = {
  id: "catalog",
  // Counting is cheap and the upsert grows with distinct paths, not events: big steps, few statements.
  batchSize: 2_000,
  // Four steps a second at most while it keeps up (the catalog is read by people, not by the pipeline): each step
  // costs five statements however few events it has, so under a stream of single-event commits one per commit
  // would cost more than the events; and a short pause keeps what arrives meanwhile among the messages this
  // process still holds (recent-messages.ts).
  pauseMs: 250,
  // Paths and JSON types only: the messages parsed at intake will do, no need to read the raw JSON again.
  shapeOnly: true,
  async handle(tx: Db, events: PipelineEvent[]) {
    const trees = new Map<string, PathTree>();
    let paths = 0;
    for (const e of events) {
      const key = e.workspaceId + SEP + e.sourceId + SEP + e.type + SEP + eventName(e);
      let tree = trees.get(key);
      if (!tree) trees.set(key, (tree = new PathTree(Math.max(0, MAX_PATHS - paths))));
      const before = tree.nodes;
      tree.record(e.raw, Date.parse(e.receivedAt));
      paths += tree.nodes - before;
    }
    await upsert(tx, trees);
  },
};

type Stats = { count: number; first: number; last: number };

/** The trees' counts as catalog rows; paths spelled alike ("a.b" as a key, or b inside a) are added up. */
function entriesOf(trees: Map<string, PathTree>): Map<string, Stats> {
  const entries = new Map<string, Stats>();
  for (const [eventKey, tree] of trees) {
    for (const { path, type, count, first, last } of tree.entries()) {
      const key = eventKey + SEP + path + SEP + type;
      const existing = entries.get(key);
      if (!existing) entries.set(key, { count, first, last });
      else {
        existing.count += count;
        existing.first = Math.min(existing.first, first);
        existing.last = Math.max(existing.last, last);
      }
    }
  }
  return entries;
}

async function upsert(tx: Db, trees: Map<string, PathTree>): Promise<void> {
  const entries = entriesOf(trees);
  // Sorted, so that statements lock catalog rows in one order (the cursor's lock already serialises steps).
  const keys = [...entries.keys()].sort();
  for (let start = 0; start < keys.length; start += CHUNK) {
    const columns: string[][] = [[], [], [], [], [], [], [], [], []];
    for (const key of keys.slice(start, start + CHUNK)) {
      const { count, first, last } = entries.get(key)!;
      const values = [...key.split(SEP), String(count), new Date(first).toISOString(), new Date(last).toISOString()];
      values.forEach((value, i) => columns[i].push(value));
    }
    await rawQuery(tx, UPSERT, columns);
  }
}
