import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { useDatabase } from "@/server/database";
import { handleWebhookRequest } from "@/server/webhooks/handle-webhook-request";
import { signPayload } from "@/server/webhooks/verify-signature";
import { updateSource } from "@/server/sources/update-source";
import { enableSignature } from "@/server/webhooks/set-signature";
import { setMapping } from "@/server/webhooks/set-mapping";
import { freshDatabase } from "../../helpers/test-db";
import { seedWorkspace } from "../../helpers/fixtures";
import { deliveriesOf, eventsOf, ownerScope, post, webhookSource } from "./helpers";

const postRaw = (sourceId: string, payload: unknown) =>
  handleWebhookRequest(
    new Request(`http://localhost/api/webhooks/${sourceId}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    }),
    sourceId,
  );

let handle: DatabaseHandle;
let workspaceId: string;

beforeAll(async () => {
  handle = await freshDatabase();
  useDatabase(handle);
  workspaceId = (await seedWorkspace(handle.db, "Hooks Inc")).id;
});
afterAll(() => handle.close());

describe("the webhook door", () => {
  it("stores a Segment-shaped payload as it is when the source has no mapping", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Plain");
    const reply = await post(source.id, {
      type: "track",
      event: "Plan Upgraded",
      userId: "u1",
      properties: { plan: "pro" },
    });
    expect(reply).toMatchObject({ status: 200, body: { ok: true, status: "mapped", events: 1, newEvents: 1 } });
    const [delivery] = await deliveriesOf(handle.db, workspaceId, source.id);
    expect(delivery).toMatchObject({
      id: reply.body.deliveryId,
      status: "mapped",
      eventCount: 1,
      payload: { event: "Plan Upgraded" },
    });
    const stored = await eventsOf(handle.db, workspaceId, source.id);
    expect(stored).toMatchObject([{ type: "track", event: "Plan Upgraded", userId: "u1" }]);
  });

  it("maps with JSONata to one event or to an array of events", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Shop");
    const scope = ownerScope(handle.db, workspaceId);
    await setMapping(scope, {
      sourceId: source.id,
      mapping:
        'line_items.{"type": "track", "event": "Item Purchased", "userId": $$.customer.id, "properties": {"sku": sku, "price": price}, "timestamp": $$.created_at}',
    });
    const order = {
      customer: { id: "c-7" },
      created_at: "2024-04-01T09:00:00Z",
      line_items: [
        { sku: "A", price: 5 },
        { sku: "B", price: 7 },
      ],
    };
    const reply = await post(source.id, order, { headers: { "webhook-id": "order-1" } });
    expect(reply.body).toMatchObject({ status: "mapped", events: 2, newEvents: 2 });
    const stored = await eventsOf(handle.db, workspaceId, source.id);
    expect(stored.map((e) => [e.event, e.userId, (e.raw as { properties: { sku: string } }).properties.sku])).toEqual(
      expect.arrayContaining([
        ["Item Purchased", "c-7", "A"],
        ["Item Purchased", "c-7", "B"],
      ]),
    );
    expect(stored[0].timestamp).toMatch(/^2024-04-01/);

    // The sender retries the same delivery (same webhook-id): nothing new is stored.
    const again = await post(source.id, order, { headers: { "webhook-id": "order-1" } });
    expect(again.body).toMatchObject({ status: "mapped", events: 2, newEvents: 0 });
    expect(await eventsOf(handle.db, workspaceId, source.id)).toHaveLength(2);

    await setMapping(scope, {
      sourceId: source.id,
      mapping: '{"type": "identify", "userId": customer.id, "traits": {"orders": 1}}',
    });
    const one = await post(source.id, order, { headers: { "webhook-id": "order-2" } });
    expect(one.body).toMatchObject({ status: "mapped", events: 1, newEvents: 1 });
  });

  it("keeps the payload and answers 200 when the mapping fails at run time, with the error", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Broken");
    await setMapping(ownerScope(handle.db, workspaceId), {
      sourceId: source.id,
      mapping: '{"type": "track", "event": "E", "userId": $string(id), "properties": {"n": $number(amount)}}',
    });
    const reply = await post(source.id, { id: 1, amount: "not a number" });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      ok: true,
      status: "mapping_failed",
      events: 0,
      error: expect.stringMatching(/^line 1, column \d+: "not a number" cannot be turned into a number \(D3030\)/),
    });
    const [delivery] = await deliveriesOf(handle.db, workspaceId, source.id);
    expect(delivery).toMatchObject({
      status: "mapping_failed",
      error: expect.stringMatching(/D3030/),
      payload: { id: 1, amount: "not a number" },
      eventCount: 0,
    });
    expect(await eventsOf(handle.db, workspaceId, source.id)).toEqual([]);
  });

  it("records a delivery whose events are all refused as rejected", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Unshaped");
    const reply = await post(source.id, { hello: "world" });
    expect(reply).toMatchObject({
      status: 200,
      body: { status: "rejected", events: 0, error: expect.stringMatching(/type must be one of/) },
    });
  });

  it("accepts gzip, takes any JSON, and refuses bodies that are not JSON", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Zipped");
    expect((await post(source.id, [{ type: "identify", userId: "z1" }], { gzip: true })).body).toMatchObject({
      status: "mapped",
      events: 1,
    });
    expect(await post(source.id, null, { raw: "{not json" })).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_json" } },
    });
    expect(await post(source.id, null, { raw: "" })).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_json" } },
    });
    expect(await post(source.id, null, { raw: "x", headers: { "content-encoding": "br" } })).toMatchObject({
      status: 415,
    });
    expect(await post(source.id, "a string payload")).toMatchObject({
      status: 200,
      body: { status: "mapping_failed" },
    });
  });

  it("keeps text Postgres cannot store by replacing it, instead of failing forever", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Odd text");
    const reply = await post(source.id, null, {
      raw: '{"type":"identify","userId":"n\\u0000l","traits":{"x":"\\ud800"}}',
    });
    expect(reply).toMatchObject({ status: 200, body: { status: "mapped", events: 1 } });
    const [event] = await eventsOf(handle.db, workspaceId, source.id);
    expect(event.userId).toBe("n\uFFFDl");
  });

  it("refuses a payload over 1 MB, declared or not, and a gzip bomb", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Big");
    const big = JSON.stringify({ type: "identify", userId: "b", traits: { blob: "x".repeat(1024 * 1024) } });
    expect(await post(source.id, null, { raw: big })).toMatchObject({
      status: 413,
      body: { error: { code: "payload_too_large" } },
    });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const undeclared = await handleWebhookRequest(
      new Request(`http://localhost/api/webhooks/${source.id}`, {
        method: "POST",
        body: stream,
        duplex: "half",
      } as RequestInit),
      source.id,
    );
    expect(undeclared.status).toBe(413);
    const bomb = JSON.stringify({ pad: "0".repeat(5 * 1024 * 1024) });
    expect(await post(source.id, null, { raw: bomb, gzip: true })).toMatchObject({
      status: 413,
      body: { error: { message: expect.stringMatching(/decompressed/) } },
    });
    expect(await deliveriesOf(handle.db, workspaceId, source.id)).toEqual([]);
  });

  it("answers 404 for an unknown source, a malformed id or a source of another type, 401 when disabled", async () => {
    expect(await post("0190a0a0-0000-7000-8000-000000000000", {})).toMatchObject({
      status: 404,
      body: { error: { code: "not_found" } },
    });
    expect(await post("not-a-uuid", {})).toMatchObject({ status: 404 });
    const http = await webhookSource(handle.db, workspaceId, "Tracking API", "http");
    expect(await post(http.id, {})).toMatchObject({ status: 404 });
    const off = await webhookSource(handle.db, workspaceId, "Off");
    await updateSource(ownerScope(handle.db, workspaceId), { sourceId: off.id, enabled: false });
    expect(await post(off.id, {})).toMatchObject({ status: 401, body: { error: { code: "source_disabled" } } });
  });

  it("answers 429 with Retry-After over the source's rate limit, keeping nothing of the refused deliveries", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Limited");
    await updateSource(ownerScope(handle.db, workspaceId), { sourceId: source.id, rateLimitPerSecond: 1 });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => postRaw(source.id, { type: "track", event: `Burst ${i}`, userId: "u" })),
    );
    const accepted = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status === 429);
    // One token at once, one more per second: a burst of six gets one or two through, however slow the machine.
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(accepted.length + refused.length).toBe(6);
    expect(refused.length).toBeGreaterThanOrEqual(4);
    expect(Number(refused[0].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused[0].json()).toEqual({
      error: { code: "rate_limited", message: "this source accepts at most 1 request per second" },
    });
    expect(await deliveriesOf(handle.db, workspaceId, source.id)).toHaveLength(accepted.length);
  });

  it("refuses a rate limit on a file source, which receives uploads", async () => {
    const file = await webhookSource(handle.db, workspaceId, "Uploads", "file");
    await expect(
      updateSource(ownerScope(handle.db, workspaceId), { sourceId: file.id, rateLimitPerSecond: 5 }),
    ).rejects.toThrow(/file source has no rate limit/);
    await expect(
      updateSource(ownerScope(handle.db, workspaceId), { sourceId: file.id, rateLimitPerSecond: null }),
    ).resolves.toMatchObject({ rateLimitPerSecond: null });
  });
});

describe("request headers", () => {
  const GITHUB_MAPPING = '{"type": "track", "event": $headers."x-github-event", "userId": sender.login}';

  it("gives the mapping the delivery's headers as $headers, with lower-cased names", async () => {
    const source = await webhookSource(handle.db, workspaceId, "GitHub");
    await setMapping(ownerScope(handle.db, workspaceId), { sourceId: source.id, mapping: GITHUB_MAPPING });
    const reply = await post(source.id, { sender: { login: "octocat" } }, { headers: { "X-GitHub-Event": "push" } });
    expect(reply.body).toMatchObject({ status: "mapped", events: 1, newEvents: 1 });
    expect(await eventsOf(handle.db, workspaceId, source.id)).toMatchObject([
      { type: "track", event: "push", userId: "octocat" },
    ]);
  });

  it("keeps the headers with the delivery, without credentials, signatures or our own client-ip header", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Careful");
    const secrets = {
      Authorization: "Bearer secret-bearer",
      "Proxy-Authorization": "Basic secret-proxy",
      Cookie: "session=secret-cookie",
      "webhook-signature": "v1,secret-standard-signature",
      "X-Hub-Signature-256": "sha256=secret-hub",
      "X-Shopify-Hmac-Sha256": "secret-shopify",
      "X-Gitlab-Token": "secret-gitlab",
      "X-Webhook-Secret": "secret-shared",
      "X-Api-Key": "secret-api-key",
      "X-CDP-Client-IP": "203.0.113.9",
    };
    const reply = await post(
      source.id,
      { type: "identify", userId: "h1" },
      { headers: { ...secrets, "X-GitHub-Event": "ping", "User-Agent": "GitHub-Hookshot/1", "webhook-id": "evt_h1" } },
    );
    expect(reply.status).toBe(200);
    const [delivery] = await deliveriesOf(handle.db, workspaceId, source.id);
    expect(delivery.headers).toEqual({
      "content-type": "application/json",
      "user-agent": "GitHub-Hookshot/1",
      "webhook-id": "evt_h1",
      "x-github-event": "ping",
    });
    expect(JSON.stringify(delivery)).not.toMatch(/secret|203\.0\.113\.9/);
  });

  it("keeps a signed delivery's id and timestamp headers but not its signature", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Signed headers");
    const { secret } = await enableSignature(ownerScope(handle.db, workspaceId), source.id);
    expect(await post(source.id, { type: "identify", userId: "s2" }, { sign: { secret, id: "msg_h" } })).toMatchObject({
      status: 200,
    });
    const [delivery] = await deliveriesOf(handle.db, workspaceId, source.id);
    expect(Object.keys(delivery.headers ?? {}).sort()).toEqual(["content-type", "webhook-id", "webhook-timestamp"]);
  });

  it("keeps at most 64 headers and cuts values to 1,024 characters", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Chatty");
    const long = "0123456789".repeat(300);
    const many = Object.fromEntries(
      Array.from({ length: 70 }, (_, i) => [`x-extra-${String(i).padStart(2, "0")}`, `v${i}`]),
    );
    // Headers iterate sorted by name: "a-long" and content-type come first, then x-extra-00 … x-extra-61.
    expect(
      await post(source.id, { type: "identify", userId: "c1" }, { headers: { ...many, "a-long": long } }),
    ).toMatchObject({ status: 200 });
    const [delivery] = await deliveriesOf(handle.db, workspaceId, source.id);
    const kept = delivery.headers ?? {};
    expect(Object.keys(kept)).toHaveLength(64);
    expect(kept["a-long"]).toBe(long.slice(0, 1024));
    expect(kept).toMatchObject({ "content-type": "application/json", "x-extra-00": "v0", "x-extra-61": "v61" });
    expect(kept).not.toHaveProperty("x-extra-62");
  });
});

describe("signed deliveries", () => {
  let sourceId: string;
  let secret: string;
  beforeAll(async () => {
    sourceId = (await webhookSource(handle.db, workspaceId, "Signed")).id;
    secret = (await enableSignature(ownerScope(handle.db, workspaceId), sourceId)).secret;
  });
  const payload = { type: "identify", userId: "s1" };

  it("accepts a valid signature", async () => {
    expect(await post(sourceId, payload, { sign: { secret, id: "msg_ok" } })).toMatchObject({
      status: 200,
      body: { status: "mapped", events: 1 },
    });
  });

  it("verifies a gzipped delivery over its decompressed body", async () => {
    expect(await post(sourceId, payload, { sign: { secret, id: "msg_gz" }, gzip: true })).toMatchObject({
      status: 200,
    });
  });

  it.each([
    ["a wrong secret", { sign: { secret: "whsec_d3Jvbmcgc2VjcmV0IHdyb25nIHNlY3JldA==", id: "msg_a" } }, /matches/],
    [
      "a stale timestamp",
      { sign: { secret: "", id: "msg_b", timestamp: Math.floor(Date.now() / 1000) - 600 } },
      /s old/,
    ],
    ["missing headers", {}, /missing signature headers/],
  ])("answers 401 for %s and keeps the delivery as signature_failed, unmapped", async (_case, options, reason) => {
    const opts = options as { sign?: { secret: string; id: string; timestamp?: number } };
    if (opts.sign && !opts.sign.secret) opts.sign.secret = secret;
    const before = (await eventsOf(handle.db, workspaceId, sourceId)).length;
    const reply = await post(sourceId, payload, opts);
    expect(reply).toMatchObject({
      status: 401,
      body: { error: { code: "invalid_signature", message: expect.stringMatching(reason) } },
    });
    const deliveries = await deliveriesOf(handle.db, workspaceId, sourceId);
    const text = JSON.stringify(payload);
    expect(deliveries.at(-1)).toMatchObject({
      status: "signature_failed",
      error: expect.stringMatching(reason),
      eventCount: 0,
      payload: { unverified: true, bytes: text.length, excerpt: text, truncated: false },
    });
    expect(await eventsOf(handle.db, workspaceId, sourceId)).toHaveLength(before);
  });

  it("answers 401 for a body changed after signing", async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      "webhook-id": "msg_t",
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signPayload(secret, "msg_t", timestamp, JSON.stringify(payload)),
    };
    const reply = await post(sourceId, { ...payload, userId: "mallory" }, { headers });
    expect(reply).toMatchObject({ status: 401, body: { error: { code: "invalid_signature" } } });
  });
});

describe("when storage fails", () => {
  it("answers 503 with retry-after when the delivery cannot be kept, and logs one line without the driver's error object", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Refused by the database");
    await handle.db.execute(
      sql.raw(
        `CREATE FUNCTION refuse_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'INSERT INTO webhook_deliveries failed for ana@example.com'; END $$`,
      ),
    );
    await handle.db.execute(
      sql.raw(
        `CREATE TRIGGER refuse_deliveries BEFORE INSERT ON webhook_deliveries FOR EACH ROW EXECUTE FUNCTION refuse_deliveries()`,
      ),
    );
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const reply = await post(source.id, { type: "identify", userId: "ana" });
      expect(reply).toEqual({
        status: 503,
        body: {
          error: { code: "storage_unavailable", message: "the payload could not be stored right now; retry later" },
        },
      });
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls[0]).toEqual([
        expect.stringMatching(new RegExp(`^webhook ${source.id}: could not store a delivery: `)),
      ]);
    } finally {
      logged.mockRestore();
      await handle.db.execute(sql.raw(`DROP TRIGGER refuse_deliveries ON webhook_deliveries`));
    }
    expect(await eventsOf(handle.db, workspaceId, source.id)).toEqual([]);
  });

  it("answers 503 with retry-after, so the sender retries", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Unlucky");
    const broken = await freshDatabase();
    await broken.close();
    useDatabase(broken);
    try {
      const response = await handleWebhookRequest(
        new Request(`http://localhost/api/webhooks/${source.id}`, { method: "POST", body: "{}" }),
        source.id,
      );
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("5");
      expect(await response.json()).toEqual({ error: { code: "storage_unavailable", message: expect.any(String) } });
    } finally {
      useDatabase(handle);
    }
  });
});
