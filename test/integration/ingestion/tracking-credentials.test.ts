import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import { LIMITS } from "@/server/ingestion/limits";
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
 * Exact big integers and credentials, over real HTTP, on the test database (PGlite, or Postgres with
 * TEST_DATABASE_URL): what is stored keeps every digit, and never a write key, accepted or refused.
 */
let handle: DatabaseHandle;
let server: TrackingServer;
let source: TestSource;
beforeAll(async () => {
  handle = await freshDatabase();
  server = await startTrackingServer(handle);
  source = await createTestSource(handle.db);
});
afterAll(() => stopTrackingServer(server, handle));

const url = (path: string) => `${server.url}${path}`;
const track = (extra: Record<string, unknown> = {}) => ({ type: "track", userId: "u1", event: "Clicked", ...extra });

/** Every stored text of the source: events' raw JSON and the refused payloads with their reasons. */
async function storedTexts(sourceId: string): Promise<string> {
  const events = await rawQuery<{ raw: string }>(
    handle.db,
    `SELECT raw::text AS raw FROM events WHERE source_id = $1`,
    [sourceId],
  );
  const refused = await rawQuery<{ reason: string; payload: string }>(
    handle.db,
    `SELECT reason, payload FROM rejected_events WHERE source_id = $1`,
    [sourceId],
  );
  return [...events.map((e) => e.raw), ...refused.flatMap((r) => [r.reason, r.payload])].join("\n");
}

describe("integers beyond 2^53", () => {
  it("keeps every digit in the raw JSON and in the extracted columns, single call and batch", async () => {
    const auth = { authorization: basicAuth(source.writeKey) };
    const big = "820982911946154508";
    const single = `{"type":"track","userId":${big},"event":"Ordered","messageId":"big-1","properties":{"orderId":${big},"small":42,"price":1.5,"neg":-${big}}}`;
    expect((await post(url("/v1/track"), single, auth)).status).toBe(200);
    const batch = `{"batch":[{"type":"group","anonymousId":"a","groupId":${big},"messageId":"big-2","traits":{"id":${big}}}]}`;
    expect((await post(url("/v1/batch"), batch, auth)).json).toMatchObject({ accepted: 1 });

    type Row = { message_id: string; user_id: string | null; group_id: string | null; raw: string };
    const rows = await rawQuery<Row>(
      handle.db,
      `SELECT message_id, user_id, group_id, raw::text AS raw FROM events WHERE message_id IN ('big-1', 'big-2') ORDER BY message_id`,
      [],
    );
    expect(rows[0].user_id).toBe(big);
    const raw0 = JSON.parse(rows[0].raw);
    expect(raw0.userId).toBe(big);
    expect(raw0.properties).toEqual({ orderId: big, small: 42, price: 1.5, neg: `-${big}` });
    expect(rows[1].group_id).toBe(big);
    expect(JSON.parse(rows[1].raw).traits.id).toBe(big);
  });
});

describe("credentials never reach storage", () => {
  it("strips writeKey (and write_key) from accepted events, single call and batch, wherever a key appears", async () => {
    const mine = await createTestSource(handle.db);
    const key = mine.writeKey;
    const plain = { "content-type": "text/plain" };
    expect(
      (
        await post(
          url("/v1/track"),
          JSON.stringify(track({ writeKey: key, write_key: key, messageId: "cred-1" })),
          plain,
        )
      ).status,
    ).toBe(200);
    const batch = {
      writeKey: key,
      sentAt: new Date().toISOString(),
      batch: [track({ writeKey: key, messageId: "cred-2", context: { writeKey: key, note: `sent with ${key}` } })],
    };
    expect((await post(url("/v1/batch"), JSON.stringify(batch), plain)).json).toMatchObject({ accepted: 1 });

    const rows = await rawQuery<{ raw: Record<string, unknown> }>(
      handle.db,
      `SELECT raw FROM events WHERE source_id = $1 ORDER BY message_id`,
      [mine.sourceId],
    );
    expect(rows).toHaveLength(2);
    expect(rows[0].raw).not.toHaveProperty("writeKey");
    expect(rows[0].raw).not.toHaveProperty("write_key");
    expect(rows[1].raw).not.toHaveProperty("writeKey");
    expect(rows[1].raw.context).toEqual({ writeKey: "[redacted]", note: "sent with [redacted]" });
    expect(await storedTexts(mine.sourceId)).not.toContain(key);
  });

  it("strips it from refused events: an invalid event in a batch, a refused single call, a refused batch, bad JSON", async () => {
    const mine = await createTestSource(handle.db);
    const key = mine.writeKey;
    const plain = { "content-type": "text/plain" };
    const auth = { authorization: basicAuth(key) };

    const mixed = {
      writeKey: key,
      batch: [track({ messageId: "cred-ok", writeKey: key }), { type: "track", userId: "u", writeKey: key }],
    };
    const result = await post(url("/v1/batch"), JSON.stringify(mixed), plain);
    expect(result.json).toMatchObject({ accepted: 1, rejected: [{ index: 1 }] });
    const single = await post(url("/v1/track"), JSON.stringify({ writeKey: key, type: "track", userId: "u" }), plain);
    expect(single.status).toBe(400);
    const tooMany = { writeKey: key, batch: Array.from({ length: LIMITS.maxBatchEvents + 1 }, () => ({})) };
    expect((await post(url("/v1/batch"), JSON.stringify(tooMany), plain)).status).toBe(400);
    // Unparseable: only the header says who it is; the text (and the parser's message quoting it) is masked.
    const broken = `{"writeKey":"${key}", "write_key": "${key}", "batch": [`;
    expect((await post(url("/v1/batch"), broken, auth)).status).toBe(400);
    const brokenStart = `{${key}`;
    expect((await post(url("/v1/track"), brokenStart, auth)).status).toBe(400);

    const refused = await rawQuery<{ reason: string; payload: string; batch_index: number | null }>(
      handle.db,
      `SELECT reason, payload, batch_index FROM rejected_events WHERE source_id = $1 ORDER BY received_at, batch_index`,
      [mine.sourceId],
    );
    expect(refused).toHaveLength(5);
    expect(refused[0]).toMatchObject({ batch_index: 1 });
    expect(JSON.parse(refused[0].payload)).toEqual({ type: "track", userId: "u" });
    expect(JSON.parse(refused[1].payload)).toEqual({ type: "track", userId: "u" });
    expect(refused[3].payload).toContain('"writeKey":"[redacted]"');
    expect(await storedTexts(mine.sourceId)).not.toContain(key);
  });

  it("stores nothing for an unknown key, and no other source's key ends up in this source's storage", async () => {
    const mine = await createTestSource(handle.db);
    const other = await createTestSource(handle.db);
    const unknown = `wk_${"A".repeat(32)}`;
    const refusedUnknown = await post(url("/v1/track"), JSON.stringify(track({ writeKey: unknown })), {
      "content-type": "text/plain",
    });
    expect(refusedUnknown.status).toBe(401);
    const counted = await rawQuery<{ n: number }>(
      handle.db,
      `SELECT count(*)::int AS n FROM rejected_events WHERE payload LIKE $1 OR reason LIKE $1`,
      [`%${unknown}%`],
    );
    expect(counted[0].n).toBe(0);
    // Basic auth for this source, another source's key in the body and in a refused event.
    const auth = { authorization: basicAuth(mine.writeKey) };
    const batch = {
      writeKey: other.writeKey,
      batch: [
        track({ messageId: "cred-x", writeKey: other.writeKey }),
        { type: "nope", writeKey: other.writeKey, note: other.writeKey },
      ],
    };
    expect((await post(url("/v1/batch"), batch, auth)).json).toMatchObject({ accepted: 1, rejected: [{ index: 1 }] });
    const texts = await storedTexts(mine.sourceId);
    expect(texts).not.toContain(other.writeKey);
    expect(texts).not.toContain(mine.writeKey);
  });
});
