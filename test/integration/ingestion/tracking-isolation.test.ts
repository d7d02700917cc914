import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import { freshDatabase } from "../../helpers/test-db";
import {
  basicAuth,
  createTestSource,
  post,
  startTrackingServer,
  stopTrackingServer,
  type TestSource,
  type TrackingServer,
} from "./tracking-server";

/**
 * One bad event never fails its neighbours: what the database could not store is refused alone, before it is
 * queued (validation) or, when only the database knows, by isolating it in the group commit. Real HTTP, on
 * the test database (PGlite, or Postgres with TEST_DATABASE_URL).
 */
let handle: DatabaseHandle;
let server: TrackingServer;
let source: TestSource;
let auth: Record<string, string>;
beforeAll(async () => {
  handle = await freshDatabase();
  server = await startTrackingServer(handle);
  source = await createTestSource(handle.db);
  auth = { authorization: basicAuth(source.writeKey) };
});
afterAll(() => stopTrackingServer(server, handle));

const url = (path: string) => `${server.url}${path}`;
const track = (extra: Record<string, unknown> = {}) => ({ type: "track", userId: "u1", event: "Clicked", ...extra });
const errorOf = (json: Record<string, unknown> | null) => (json as { error: { code: string; message: string } }).error;
const count = async (like: string) =>
  Number(
    (
      await rawQuery<{ n: number }>(handle.db, `SELECT count(*)::int AS n FROM events WHERE message_id LIKE $1`, [like])
    )[0].n,
  );
const refusedWith = (like: string) =>
  rawQuery<{ reason: string; batch_index: number | null }>(
    handle.db,
    `SELECT reason, batch_index FROM rejected_events WHERE source_id = $1 AND reason LIKE $2`,
    [source.sourceId, like],
  );

/** A track call whose properties nest `depth` objects deep, as JSON text. */
const deep = (messageId: string, depth: number) =>
  `{"type":"track","userId":"u","event":"Deep","messageId":"${messageId}","properties":${'{"a":'.repeat(depth)}1${"}".repeat(depth)}}`;
// 1970 with a clock in year 9000: corrected to about 5000 BC.
const skewed = (messageId: string) =>
  track({ messageId, timestamp: "1970-01-01T00:00:00.000Z", sentAt: "9000-01-01T00:00:00.000Z" });

describe("validation before the queue", () => {
  it("refuses a timestamp that clock-skew correction takes out of range, alone, with a reason", async () => {
    const single = await post(url("/v1/track"), skewed("skew-1"), auth);
    expect(single.status).toBe(400);
    expect(errorOf(single.json).code).toBe("invalid_timestamp");
    expect(errorOf(single.json).message).toMatch(/between 0001-01-01 and 9999-12-31; check sentAt/);
    const batch = await post(url("/v1/batch"), { batch: [track({ messageId: "skew-ok" }), skewed("skew-2")] }, auth);
    expect(batch.status).toBe(200);
    expect(batch.json).toMatchObject({
      accepted: 1,
      rejected: [{ index: 1, reason: expect.stringContaining("check sentAt") }],
    });
    expect(await count("skew-%")).toBe(1);
    expect((await refusedWith("%check sentAt%")).map((r) => r.batch_index).sort()).toEqual([1, null]);
  });

  it("refuses nesting deeper than 64 levels (10,000 here) alone; 64 levels, the event itself included, are stored", async () => {
    const single = await post(url("/v1/track"), deep("deep-1", 10_000), auth);
    expect([single.status, errorOf(single.json)]).toEqual([
      400,
      { code: "nested_too_deep", message: "event nests objects and arrays deeper than the limit of 64 levels" },
    ]);
    const justOver = await post(url("/v1/track"), deep("deep-2", 64), auth); // 64 + the event itself
    expect(errorOf(justOver.json).code).toBe("nested_too_deep");
    expect((await post(url("/v1/track"), deep("deep-ok", 63), auth)).status).toBe(200);
    const batch = await post(
      url("/v1/batch"),
      `{"batch":[${deep("deep-3", 10_000)},${JSON.stringify(track({ messageId: "deep-ok2" }))}]}`,
      auth,
    );
    expect(batch.json).toMatchObject({
      accepted: 1,
      rejected: [{ index: 0, reason: expect.stringContaining("64 levels") }],
    });
    expect(await count("deep-%")).toBe(2);
  });

  it("answers every good request of a concurrent crowd 200 and stores it, beside poisoned ones", async () => {
    const good = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 0
        ? post(
            url("/v1/batch"),
            { batch: [track({ messageId: `crowd-${i}-a` }), track({ messageId: `crowd-${i}-b` })] },
            auth,
          )
        : post(url("/v1/track"), track({ messageId: `crowd-${i}` }), auth),
    );
    const poisoned = [
      post(url("/v1/track"), deep("crowd-deep", 10_000), auth),
      post(url("/v1/track"), skewed("crowd-skew"), auth),
      post(url("/v1/batch"), `{"batch":[${deep("crowd-deep-b", 10_000)}]}`, auth),
    ];
    const [goods, bads] = await Promise.all([Promise.all(good), Promise.all(poisoned)]);
    expect(goods.map((r) => r.status)).toEqual(Array(300).fill(200));
    expect(bads.map((r) => r.status)).toEqual([400, 400, 200]);
    expect(await count("crowd-%")).toBe(400);
  });
});

/** A row trigger refusing events named `event` with a data exception: a refusal validation cannot foresee. */
async function refuseEventsNamed(db: Db, event: string): Promise<() => Promise<void>> {
  await rawQuery(
    db,
    `CREATE OR REPLACE FUNCTION test_refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF NEW.event = '${event}' THEN RAISE EXCEPTION 'refused value' USING ERRCODE = '22023'; END IF;
       RETURN NEW;
     END $$`,
    [],
  );
  await rawQuery(
    db,
    `CREATE TRIGGER test_refuse_event BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION test_refuse_event()`,
    [],
  );
  return async () => {
    await rawQuery(db, `DROP TRIGGER IF EXISTS test_refuse_event ON events`, []);
  };
}

describe("a row the database refuses, in the group commit", () => {
  it("is refused alone with a reason (400 single, rejected index in a batch); its neighbours commit and answer 200", async () => {
    const undo = await refuseEventsNamed(handle.db, "Poison");
    try {
      const goods = Array.from({ length: 60 }, (_, i) => post(url("/v1/track"), track({ messageId: `db-${i}` }), auth));
      const single = post(url("/v1/track"), track({ messageId: "db-poison", event: "Poison" }), auth);
      const batch = post(
        url("/v1/batch"),
        {
          batch: [
            track({ messageId: "db-b0" }),
            track({ messageId: "db-b1", event: "Poison" }),
            track({ messageId: "db-b2" }),
          ],
        },
        auth,
      );
      const [goodResults, singleResult, batchResult] = await Promise.all([Promise.all(goods), single, batch]);
      expect(goodResults.map((r) => r.status)).toEqual(Array(60).fill(200));
      expect(singleResult.status).toBe(400);
      expect(errorOf(singleResult.json)).toEqual({
        code: "unstorable_event",
        message: "the database refused a value of this event (SQLSTATE 22023)",
      });
      expect(batchResult.status).toBe(200);
      expect(batchResult.json).toMatchObject({
        accepted: 2,
        rejected: [{ index: 1, reason: "the database refused a value of this event (SQLSTATE 22023)" }],
      });
      expect(await count("db-%")).toBe(62);
      expect((await refusedWith("%SQLSTATE 22023%")).map((r) => r.batch_index).sort()).toEqual([1, null]);
    } finally {
      await undo();
    }
  });
});
