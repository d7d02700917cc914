import http from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import { SYSTEM_ACTOR } from "@/server/scope";
import { updateSource } from "@/server/sources/update-source";
import { freshDatabase } from "../../helpers/test-db";
import {
  basicAuth,
  createTestSource,
  failNextEventInserts,
  post,
  startTrackingServer,
  stopTrackingServer,
  type TestSource,
  type TrackingServer,
} from "./tracking-server";

/** Every limit and bad input of the tracking API, over real HTTP: status, error code and message. */
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
const countEvents = async (where: string, params: unknown[]) =>
  Number(
    (await rawQuery<{ n: number }>(handle.db, `SELECT count(*)::int AS n FROM events WHERE ${where}`, params))[0].n,
  );
const rejectedRows = (sourceId: string) =>
  rawQuery<{ reason: string; batch_index: number | null; payload: string }>(
    handle.db,
    `SELECT reason, batch_index, payload FROM rejected_events WHERE source_id = $1 ORDER BY received_at, batch_index`,
    [sourceId],
  );

/** A chunked upload that never says its length up front. */
function postChunked(
  path: string,
  chunks: Buffer[],
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url(path),
      { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } },
      (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("size and count limits", () => {
  it("refuses an event over 32 KB with 400 naming the limit, and keeps it for the debugger", async () => {
    const big = track({ properties: { blob: "x".repeat(33 * 1024) } });
    const { status, json } = await post(url("/v1/track"), big, auth);
    expect(status).toBe(400);
    expect(errorOf(json)).toEqual({ code: "event_too_large", message: "event is larger than the limit of 32 KB" });
    const [row] = (await rejectedRows(source.sourceId)).filter((r) => r.reason.includes("32 KB"));
    expect(row.batch_index).toBeNull();
    expect(row.payload.length).toBe(32 * 1024);
  });

  it("stores the rest of a batch that holds an oversized event, and lists that one as rejected", async () => {
    const batch = [
      track({ messageId: "size-ok" }),
      track({ messageId: "size-big", properties: { blob: "y".repeat(40_000) } }),
    ];
    const { status, json } = await post(url("/v1/batch"), { batch }, auth);
    expect(status).toBe(200);
    expect(json).toEqual({
      success: true,
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 1, reason: "event is larger than the limit of 32 KB" }],
    });
  });

  it("refuses a request over 500 KB (declared, or streamed without a length) before reading it all", async () => {
    const batch = Array.from({ length: 30 }, (_, i) =>
      track({ messageId: `huge-${i}`, properties: { blob: "z".repeat(20_000) } }),
    );
    const declared = await post(url("/v1/batch"), { batch }, auth);
    expect(declared.status).toBe(400);
    expect(errorOf(declared.json)).toEqual({
      code: "request_too_large",
      message: "request body is larger than the limit of 500 KB",
    });
    const streamed = await postChunked(
      "/v1/batch",
      Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024, 32)),
      auth,
    );
    expect(streamed.status).toBe(400);
    expect(JSON.parse(streamed.body).error.code).toBe("request_too_large");
    expect(await countEvents("message_id LIKE 'huge-%'", [])).toBe(0);
  });

  it("refuses a gzip bomb once the decompressed body passes 500 KB", async () => {
    const bomb = gzipSync(
      Buffer.concat([
        Buffer.from('{"batch":[{"userId":"u","type":"track","event":"'),
        Buffer.alloc(20 * 1024 * 1024, 97),
        Buffer.from('"}]}'),
      ]),
    );
    expect(bomb.length).toBeLessThan(100 * 1024);
    const { status, json } = await post(url("/v1/batch"), bomb, { ...auth, "content-encoding": "gzip" });
    expect(status).toBe(400);
    expect(errorOf(json)).toEqual({
      code: "request_too_large",
      message: "decompressed request body is larger than the limit of 500 KB",
    });
  });

  it("takes 2,500 events in a batch and refuses 2,501", async () => {
    const events = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => ({ type: "track", userId: "u", event: "E", messageId: `${tag}-${i}` }));
    const over = await post(url("/v1/batch"), { batch: events(2501, "over") }, auth);
    expect(over.status).toBe(400);
    expect(errorOf(over.json)).toEqual({
      code: "too_many_events",
      message: "the batch has 2501 events; the limit is 2500 per request",
    });
    const full = await post(url("/v1/batch"), { batch: events(2500, "full") }, auth);
    expect(full.status).toBe(200);
    expect(full.json).toMatchObject({ accepted: 2500, duplicates: 0, rejected: [] });
    expect(await countEvents("message_id LIKE 'over-%'", [])).toBe(0);
  });

  it("refuses a messageId over 100 characters, and takes one of exactly 100", async () => {
    const long = await post(url("/v1/track"), track({ messageId: "m".repeat(101) }), auth);
    expect(long.status).toBe(400);
    expect(errorOf(long.json)).toEqual({
      code: "message_id_too_long",
      message: "messageId is longer than the limit of 100 characters",
    });
    expect((await post(url("/v1/track"), track({ messageId: "m".repeat(100) }), auth)).status).toBe(200);
  });
});

describe("bad input", () => {
  it("answers 400 for invalid JSON, an empty body, bad gzip and a batch without a batch array; 415 for an unknown encoding", async () => {
    const cases: [string, BodyInit, Record<string, string>, number, string][] = [
      ["/v1/track", "{not json", {}, 400, "invalid_json"],
      ["/v1/track", "", {}, 400, "invalid_json"],
      [
        "/v1/batch",
        Buffer.from("this is not gzip") as unknown as BodyInit,
        { "content-encoding": "gzip" },
        400,
        "invalid_encoding",
      ],
      ["/v1/batch", JSON.stringify({ events: [] }), {}, 400, "invalid_body"],
      ["/v1/track", JSON.stringify(track()), { "content-encoding": "br" }, 415, "unsupported_encoding"],
    ];
    for (const [path, body, headers, status, code] of cases) {
      const result = await post(url(path), body, { ...auth, ...headers });
      expect([path, result.status, errorOf(result.json).code]).toEqual([path, status, code]);
    }
  });

  it("refuses events without userId or anonymousId, and a track without event: 400 alone, listed in a batch", async () => {
    const missing = await post(url("/v1/identify"), { traits: { a: 1 } }, auth);
    expect(missing.status).toBe(400);
    expect(errorOf(missing.json)).toEqual({ code: "missing_identity", message: "userId or anonymousId is required" });
    const nameless = await post(url("/v1/track"), { userId: "u1" }, auth);
    expect(errorOf(nameless.json)).toEqual({
      code: "missing_event_name",
      message: "a track call needs an event name (event)",
    });

    const other = await createTestSource(handle.db);
    const batch = [
      { type: "identify", traits: {} },
      { type: "track", userId: "u", event: "Ok", messageId: "mixed-ok" },
      { type: "track", userId: "u" },
    ];
    const { status, json } = await post(url("/v1/batch"), { batch }, { authorization: basicAuth(other.writeKey) });
    expect(status).toBe(200);
    expect(json).toEqual({
      success: true,
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 0, reason: "userId or anonymousId is required" },
        { index: 2, reason: "a track call needs an event name (event)" },
      ],
    });
    const stored = await rejectedRows(other.sourceId);
    expect(stored.map((r) => [r.batch_index, r.reason])).toEqual([
      [0, "userId or anonymousId is required"],
      [2, "a track call needs an event name (event)"],
    ]);
    expect(JSON.parse(stored[0].payload)).toEqual(batch[0]);
  });
});

describe("authentication, rate limits and routing", () => {
  it("answers 401 for a missing or unknown key, a disabled source and a non-http source", async () => {
    const disabled = await createTestSource(handle.db);
    await updateSource(
      { db: handle.db, workspaceId: disabled.workspaceId, role: "owner", actor: SYSTEM_ACTOR },
      { sourceId: disabled.sourceId, enabled: false },
    );
    const webhook = await createTestSource(handle.db, "webhook");
    const cases: [Record<string, string>, unknown, string][] = [
      [{}, track(), "missing_write_key"],
      [{ authorization: basicAuth("wk_unknown") }, track(), "invalid_write_key"],
      [{}, track({ writeKey: "wk_unknown" }), "invalid_write_key"],
      [{ authorization: basicAuth(disabled.writeKey) }, track(), "source_disabled"],
      [{ authorization: basicAuth(webhook.writeKey) }, track(), "source_not_http"],
    ];
    for (const [headers, body, code] of cases) {
      const result = await post(url("/v1/track"), body, headers);
      expect([result.status, errorOf(result.json).code]).toEqual([401, code]);
    }
  });

  it("takes the write key from the body when there is no Authorization header (analytics.js sends text/plain)", async () => {
    const result = await post(
      url("/v1/track"),
      JSON.stringify(track({ writeKey: source.writeKey, messageId: "body-key" })),
      { "content-type": "text/plain" },
    );
    expect(result.status).toBe(200);
    const [row] = await rawQuery<{ raw: Record<string, unknown> }>(
      handle.db,
      `SELECT raw FROM events WHERE message_id = 'body-key'`,
      [],
    );
    expect(row.raw.writeKey).toBeUndefined();
  });

  it("limits a source to its requests per second: 429 with Retry-After", async () => {
    const limited = await createTestSource(handle.db);
    await updateSource(
      { db: handle.db, workspaceId: limited.workspaceId, role: "owner", actor: SYSTEM_ACTOR },
      { sourceId: limited.sourceId, rateLimitPerSecond: 2 },
    );
    const headers = { authorization: basicAuth(limited.writeKey) };
    // A burst of 6: the bucket holds 2 (plus what refills while they arrive, at 2 per second).
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post(url("/v1/track"), track({ messageId: `rate-${i}` }), headers)),
    );
    const ok = results.filter((r) => r.status === 200).length;
    const refused = results.filter((r) => r.status === 429);
    expect(ok).toBeGreaterThanOrEqual(2);
    expect(ok).toBeLessThanOrEqual(3);
    expect(ok + refused.length).toBe(6);
    expect(errorOf(refused[0].json)).toEqual({
      code: "rate_limited",
      message: "this source accepts at most 2 requests per second",
    });
    expect(Number(refused[0].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 600)); // a token is back
    expect((await post(url("/v1/track"), track({ messageId: "rate-later" }), headers)).status).toBe(200);
  });

  it("answers 405 to other methods, 404 to unknown paths, and CORS preflights with 204", async () => {
    const get = await fetch(url("/v1/track"));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
    expect((await get.json()).error.code).toBe("method_not_allowed");
    const unknown = await post(url("/v1/nope"), track(), auth);
    expect([unknown.status, errorOf(unknown.json).code]).toEqual([404, "not_found"]);

    const preflight = await fetch(url("/v1/batch"), {
      method: "OPTIONS",
      headers: {
        origin: "https://shop.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    expect(preflight.headers.get("access-control-allow-methods")).toBe("POST, OPTIONS");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("Authorization, Content-Type, Content-Encoding");
    const ok = await post(url("/v1/track"), track(), { ...auth, origin: "https://shop.example" });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://shop.example");
    const bad = await post(url("/v1/track"), "{", auth);
    expect(bad.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("durability and exactly-once", () => {
  it("answers 503 with Retry-After when storage fails, then stores the retry once", async () => {
    const undo = await failNextEventInserts(handle.db, 1);
    const batch = [track({ messageId: "fail-1" }), track({ messageId: "fail-2" })];
    const failed = await post(url("/v1/batch"), { batch }, auth);
    await undo();
    expect(failed.status).toBe(503);
    expect(failed.headers.get("retry-after")).toBe("1");
    expect(errorOf(failed.json).code).toBe("storage_unavailable");
    expect(await countEvents("message_id LIKE 'fail-%'", [])).toBe(0);
    const retried = await post(url("/v1/batch"), { batch }, auth);
    expect(retried.json).toMatchObject({ accepted: 2, duplicates: 0 });
    const again = await post(url("/v1/import"), { batch }, auth);
    expect(again.json).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await countEvents("message_id LIKE 'fail-%'", [])).toBe(2);
  });

  it("counts a messageId repeated within one batch once", async () => {
    const batch = [track({ messageId: "twice" }), track({ messageId: "twice", event: "Other" })];
    expect((await post(url("/v1/batch"), { batch }, auth)).json).toMatchObject({ accepted: 1, duplicates: 1 });
    const [row] = await rawQuery<{ event: string }>(
      handle.db,
      `SELECT event FROM events WHERE message_id = 'twice'`,
      [],
    );
    expect(row.event).toBe("Clicked");
  });
});

describe("batch defaults and timestamps", () => {
  it("merges the batch's context and integrations under each message's own keys, applies its sentAt, keeps consent", async () => {
    const consent = { categoryPreferences: { Advertising: false, Analytics: true } };
    const body = {
      context: { ip: "203.0.113.9", library: { name: "batch-lib" }, consent },
      integrations: { All: false, Mixpanel: true },
      sentAt: "2030-01-01T00:00:10.000Z",
      batch: [
        {
          ...track({ messageId: "merge-1" }),
          timestamp: "2030-01-01T00:00:00.000Z",
          context: { library: { name: "own-lib" } },
        },
        { ...track({ messageId: "merge-2" }), integrations: { Mixpanel: false } },
      ],
    };
    const before = Date.now();
    expect((await post(url("/v1/batch"), body, auth)).json).toMatchObject({ accepted: 2 });
    type Raw = { context: { consent: { categoryPreferences: unknown } }; integrations: unknown };
    const rows = await rawQuery<{ message_id: string; raw: Raw; timestamp: string | Date; sent_at: string | Date }>(
      handle.db,
      `SELECT message_id, raw, timestamp, sent_at FROM events WHERE message_id IN ('merge-1', 'merge-2') ORDER BY message_id`,
      [],
    );
    expect(rows[0].raw.context).toEqual({ ip: "203.0.113.9", library: { name: "own-lib" }, consent });
    expect(rows[0].raw.integrations).toEqual({ All: false, Mixpanel: true });
    expect(rows[1].raw.context.consent.categoryPreferences).toEqual({ Advertising: false, Analytics: true });
    expect(rows[1].raw.integrations).toEqual({ All: false, Mixpanel: false });
    expect(new Date(rows[0].sent_at).toISOString()).toBe("2030-01-01T00:00:10.000Z");
    // The client's clock is years ahead; the event happened 10 s before it was sent, so 10 s before arrival.
    const corrected = new Date(rows[0].timestamp).getTime();
    expect(corrected).toBeGreaterThanOrEqual(before - 10_000 - 5);
    expect(corrected).toBeLessThanOrEqual(Date.now() - 10_000 + 5);
  });
});
