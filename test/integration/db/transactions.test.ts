import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows, type DatabaseHandle, type Db } from "@/db/client";
import { copyRows } from "@/db/copy-rows";
import { isTransaction, rawQuery } from "@/db/raw-query";
import { appendEvents } from "@/server/ingestion/append-events";
import { storeEvents } from "@/server/ingestion/store-events";
import { freshDatabase } from "../../helpers/test-db";
import { eventRow } from "../events/seed-events";
import { createTestSource, type TestSource } from "../ingestion/tracking-server";

/**
 * The hot-path helpers run inside a caller's transaction (postgres.js `sql.begin`, PGlite's transaction, and
 * savepoints in either): what they write commits or rolls back with the caller's other statements.
 */
let handle: DatabaseHandle;
let source: TestSource;
beforeAll(async () => {
  handle = await freshDatabase();
  source = await createTestSource(handle.db);
  await handle.db.execute(sql`CREATE TABLE tx_rows (id int PRIMARY KEY, note text)`);
});
afterAll(() => handle.close());

class Abort extends Error {}
/** Runs `work` in a transaction that is then rolled back by an exception. */
async function rolledBack(work: (tx: Db) => Promise<void>) {
  await expect(
    handle.db.transaction(async (tx) => {
      await work(tx as unknown as Db);
      throw new Abort();
    }),
  ).rejects.toBeInstanceOf(Abort);
}
const committed = (work: (tx: Db) => Promise<void>) => handle.db.transaction((tx) => work(tx as unknown as Db));

const ids = async () =>
  (await rows<{ id: number }>(handle.db, sql`SELECT id FROM tx_rows ORDER BY id`)).map((r) => r.id);
const storedMessageIds = async () =>
  (
    await rows<{ message_id: string }>(
      handle.db,
      sql`SELECT message_id FROM events WHERE source_id = ${source.sourceId} ORDER BY message_id`,
    )
  ).map((r) => r.message_id);
const track = (messageId: string) => eventRow({ type: "track", userId: "u1", event: "Clicked", messageId });

describe("rawQuery in a transaction", () => {
  it("runs on the transaction's connection: rolled back with it, or committed with it", async () => {
    await rolledBack(async (tx) => {
      expect(isTransaction(tx)).toBe(true);
      await rawQuery(tx, `INSERT INTO tx_rows SELECT * FROM unnest($1::int[], $2::text[])`, [
        [1, 2],
        ["a", "b"],
      ]);
      // Seen inside the transaction …
      expect(await rawQuery<{ n: number }>(tx, `SELECT count(*)::int AS n FROM tx_rows`, [])).toEqual([{ n: 2 }]);
    });
    expect(await ids()).toEqual([]); // … and gone with it
    await committed((tx) => rawQuery(tx, `INSERT INTO tx_rows VALUES ($1, $2)`, [3, "c"]).then(() => {}));
    expect(await ids()).toEqual([3]);
    expect(isTransaction(handle.db)).toBe(false);
  });

  it("runs in a savepoint (a nested transaction) and rolls back only the savepoint", async () => {
    await committed(async (tx) => {
      await rawQuery(tx, `INSERT INTO tx_rows VALUES (4, 'kept')`, []);
      await expect(
        tx.transaction(async (inner) => {
          await rawQuery(inner as unknown as Db, `INSERT INTO tx_rows VALUES (5, 'undone')`, []);
          throw new Abort();
        }),
      ).rejects.toBeInstanceOf(Abort);
    });
    expect(await ids()).toEqual([3, 4]);
  });
});

describe("copyRows in a transaction", () => {
  it("copies rows that commit or roll back with the caller's transaction", async () => {
    await rolledBack((tx) => copyRows(tx, `COPY tx_rows (id, note) FROM STDIN`, "10\tten\n11\t\\N\n"));
    expect(await ids()).toEqual([3, 4]);
    await committed((tx) => copyRows(tx, `COPY tx_rows (id, note) FROM STDIN`, "10\tten\n11\t\\N\n"));
    expect(await ids()).toEqual([3, 4, 10, 11]);
  });

  it("throws the database's refusal, during the data or at its end, instead of a COPY that never settles", async () => {
    // A duplicate key is found as the rows arrive; a bad value as they are parsed.
    for (const text of ["12\ttwelve\n12\tagain\n", "13\tthirteen\nnot-a-number\tx\n", "3\tstored already\n"]) {
      await expect(committed((tx) => copyRows(tx, `COPY tx_rows (id, note) FROM STDIN`, text))).rejects.toMatchObject({
        code: expect.stringMatching(/^(23505|22P02)$/),
      });
    }
    expect(await ids()).toEqual([3, 4, 10, 11]);
    // The pool is fine afterwards, and so is a COPY outside any transaction.
    await copyRows(handle.db, `COPY tx_rows (id, note) FROM STDIN`, "14\tfourteen\n");
    expect(await ids()).toEqual([3, 4, 10, 11, 14]);
  });
});

describe("storing events in a transaction", () => {
  it("storeEvents: nothing stored when the transaction throws, stored once it commits, duplicates skipped", async () => {
    await rolledBack(async (tx) => {
      expect([...(await storeEvents(tx, source.workspaceId, source.sourceId, [track("t1"), track("t2")]))]).toEqual([
        "t1",
        "t2",
      ]);
    });
    expect(await storedMessageIds()).toEqual([]);
    await committed(async (tx) => {
      await storeEvents(tx, source.workspaceId, source.sourceId, [track("t1"), track("t2")]);
      // A stored messageId in the same transaction is skipped without aborting it.
      expect([...(await storeEvents(tx, source.workspaceId, source.sourceId, [track("t2"), track("t3")]))]).toEqual([
        "t3",
      ]);
    });
    expect(await storedMessageIds()).toEqual(["t1", "t2", "t3"]);
  });

  it("appendEvents writes events and rejections in the caller's transaction, all or none", async () => {
    const receivedAt = new Date();
    const batch = {
      workspaceId: source.workspaceId,
      sourceId: source.sourceId,
      messages: [
        { message: { type: "track", userId: "u1", event: "Paid", messageId: "a1" }, receivedAt },
        { message: { type: "track", userId: "u1", messageId: "a2" }, receivedAt, batchIndex: 1 }, // no event name
      ],
    };
    const rejections = () =>
      rows<{ n: number }>(
        handle.db,
        sql`SELECT count(*)::int AS n FROM rejected_events WHERE source_id = ${source.sourceId}`,
      ).then((r) => r[0].n);
    await rolledBack(async (tx) => {
      const result = await appendEvents(tx, batch);
      expect(result).toMatchObject({ stored: 1, duplicates: 0, rejected: 1 });
    });
    expect(await storedMessageIds()).toEqual(["t1", "t2", "t3"]);
    expect(await rejections()).toBe(0);
    await committed(async (tx) => {
      await tx.execute(sql`INSERT INTO tx_rows VALUES (20, 'with the events')`);
      await appendEvents(tx, batch);
    });
    expect(await storedMessageIds()).toEqual(["a1", "t1", "t2", "t3"]);
    expect(await rejections()).toBe(1);
    expect(await ids()).toContain(20);
  });
});
