import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { EventWriter } from "@/server/ingestion/event-writer";
import { freshDatabase } from "../../helpers/test-db";
import { eventRow } from "../events/seed-events";
import { createTestSource, failNextEventInserts, type TestSource } from "./tracking-server";

/**
 * Group commit: concurrent requests' rows go to the database in one statement per workspace and source
 * (rows inserted by one statement share its transaction id, xmin), each request settles after its commit,
 * and a failed statement fails every request in it.
 */
let handle: DatabaseHandle;
let source: TestSource;
let other: TestSource;
beforeAll(async () => {
  handle = await freshDatabase();
  source = await createTestSource(handle.db);
  other = await createTestSource(handle.db);
});
afterAll(async () => {
  await flushCatalog();
  await handle.close();
});

const row = (messageId: string, event = "Clicked") => eventRow({ type: "track", userId: "u", event, messageId });

const transactionsOf = async (prefix: string) =>
  Number(
    (
      await rawQuery<{ n: number }>(
        handle.db,
        `SELECT count(DISTINCT xmin::text)::int AS n FROM events WHERE message_id LIKE $1`,
        [`${prefix}%`],
      )
    )[0].n,
  );

describe("EventWriter", () => {
  it("writes rows of concurrent requests with one statement per source, answering each after the commit", async () => {
    const writer = new EventWriter({ maxWaitMs: 20, maxRows: 10_000, maxInFlight: 2 });
    const requests = Array.from({ length: 30 }, (_, i) => [row(`group-${i}-a`), row(`group-${i}-b`)]);
    const results = await Promise.all([
      ...requests.map((rows) => writer.write(handle.db, source.workspaceId, source.sourceId, rows)),
      writer.write(handle.db, other.workspaceId, other.sourceId, [row("group-other")]),
    ]);
    expect(results.flat().every(Boolean)).toBe(true);
    const [{ n }] = await rawQuery<{ n: number }>(
      handle.db,
      `SELECT count(*)::int AS n FROM events WHERE message_id LIKE 'group-%'`,
      [],
    );
    expect(n).toBe(61);
    expect(await transactionsOf("group-")).toBe(2); // one per source
    expect(await transactionsOf("group-0")).toBe(1);
  });

  it("flushes early once maxRows rows are waiting", async () => {
    const writer = new EventWriter({ maxWaitMs: 60_000, maxRows: 4, maxInFlight: 2 });
    const started = Date.now();
    await writer.write(handle.db, source.workspaceId, source.sourceId, [
      row("early-1"),
      row("early-2"),
      row("early-3"),
      row("early-4"),
    ]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("puts at most maxRows rows in one statement, and never splits a request", async () => {
    const writer = new EventWriter({ maxWaitMs: 20, maxRows: 4, maxInFlight: 1 });
    const sizes = [2, 2, 3, 5];
    await Promise.all(
      sizes.map((size, r) =>
        writer.write(
          handle.db,
          source.workspaceId,
          source.sourceId,
          Array.from({ length: size }, (_, i) => row(`bounded-${r}-${i}`)),
        ),
      ),
    );
    expect(await transactionsOf("bounded-")).toBe(3); // [2 + 2], [3], [5]
    for (let r = 0; r < sizes.length; r++) expect(await transactionsOf(`bounded-${r}-`)).toBe(1);
  });

  it("credits a messageId to the first request carrying it; later ones and stored ones are duplicates", async () => {
    const writer = new EventWriter({ maxWaitMs: 10, maxRows: 10_000, maxInFlight: 1 });
    await writer.write(handle.db, source.workspaceId, source.sourceId, [row("dup-stored")]);
    const [first, second] = await Promise.all([
      writer.write(handle.db, source.workspaceId, source.sourceId, [row("dup-a", "First"), row("dup-stored")]),
      writer.write(handle.db, source.workspaceId, source.sourceId, [row("dup-a", "Second"), row("dup-b")]),
    ]);
    expect(first).toEqual([true, false]);
    expect(second).toEqual([false, true]);
    const stored = await rawQuery<{ event: string }>(
      handle.db,
      `SELECT event FROM events WHERE message_id = 'dup-a'`,
      [],
    );
    expect(stored).toEqual([{ event: "First" }]);
  });

  it("rejects every request of a failed statement, stores none of it, and recovers on the next", async () => {
    const writer = new EventWriter({ maxWaitMs: 10, maxRows: 10_000, maxInFlight: 2 });
    const undo = await failNextEventInserts(handle.db, 1);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        writer.write(handle.db, source.workspaceId, source.sourceId, [row(`failed-${i}`)]),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(Array(5).fill("rejected"));
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/injected storage failure/);
    expect(await transactionsOf("failed-")).toBe(0);
    const retried = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        writer.write(handle.db, source.workspaceId, source.sourceId, [row(`failed-${i}`)]),
      ),
    );
    await undo();
    expect(retried.flat()).toEqual(Array(5).fill(true));
  });

  it("isolates a row the database refuses for its data: the rest of its statement commits, it alone is refused", async () => {
    const writer = new EventWriter({ maxWaitMs: 20, maxRows: 10_000, maxInFlight: 2 });
    // Below validation: a NUL in a text column, which no database text can hold.
    const poisoned = { ...row("isolate-bad"), event: "bad\u0000event" };
    const requests = [
      [row("isolate-0a"), row("isolate-0b")],
      [row("isolate-1a"), poisoned, row("isolate-1b")],
      ...Array.from({ length: 10 }, (_, i) => [row(`isolate-${i + 2}`)]),
    ];
    const results = await Promise.all(
      requests.map((rows) => writer.write(handle.db, source.workspaceId, source.sourceId, rows)),
    );
    expect(results[0]).toEqual([true, true]);
    expect(results[1][0]).toBe(true);
    expect(results[1][1]).toEqual({ refused: expect.stringMatching(/cannot store a text of this event.*SQLSTATE 22/) });
    expect(results[1][2]).toBe(true);
    expect(results.slice(2).flat()).toEqual(Array(10).fill(true));
    const [{ n }] = await rawQuery<{ n: number }>(
      handle.db,
      `SELECT count(*)::int AS n FROM events WHERE message_id LIKE 'isolate-%'`,
      [],
    );
    expect(n).toBe(14);
  });

  it("drain() waits for everything handed over", async () => {
    const writer = new EventWriter({ maxWaitMs: 50, maxRows: 10_000, maxInFlight: 1 });
    let settled = 0;
    for (let i = 0; i < 3; i++)
      void writer.write(handle.db, source.workspaceId, source.sourceId, [row(`drain-${i}`)]).then(() => settled++);
    await writer.drain();
    await Promise.resolve();
    expect(settled).toBe(3);
    const [{ n }] = await rawQuery<{ n: number }>(
      handle.db,
      `SELECT count(*)::int AS n FROM events WHERE message_id LIKE 'drain-%'`,
      [],
    );
    expect(n).toBe(3);
  });
});
