import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows, type DatabaseHandle } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { useDatabase } from "@/server/database";
import { resetRateLimits } from "@/server/ingestion/rate-limit";
import { updateSource } from "@/server/sources/update-source";
import { handleWebhookRequest } from "@/server/webhooks/handle-webhook-request";
import { getDelivery } from "@/server/webhooks/list-deliveries";
import { replayDeliveries } from "@/server/webhooks/replay-deliveries";
import { enableSignature } from "@/server/webhooks/set-signature";
import { setMapping } from "@/server/webhooks/set-mapping";
import { seedWorkspace } from "../../helpers/fixtures";
import { freshDatabase } from "../../helpers/test-db";
import { deliveriesOf, eventsOf, ownerScope, post, webhookSource } from "./helpers";

let handle: DatabaseHandle;
let workspaceId: string;

beforeAll(async () => {
  handle = await freshDatabase();
  useDatabase(handle);
  workspaceId = (await seedWorkspace(handle.db, "Exact Inc")).id;
});
afterAll(() => handle.close());

const BIG = "820982911946154508";
const storedText = async (deliveryId: string) =>
  (
    await rows<{ text: string }>(
      handle.db,
      sql`SELECT payload::text AS text FROM webhook_deliveries WHERE workspace_id = ${workspaceId} AND id = ${deliveryId}`,
    )
  )[0].text;
const propertiesOf = (raw: unknown) => (raw as { properties: Record<string, unknown> }).properties;

describe("integers beyond 2^53", () => {
  const ORDER = `{"id": ${BIG}, "total": 12.5, "line_items": [{"product_id": 9007199254740993}], "customer": {"id": -${BIG}}}`;
  const MAPPING =
    '{"type": "track", "event": "Order Paid", "userId": "u-big", "properties": {"orderId": id, "productId": line_items[0].product_id, "customer": customer.id, "total": total}}';

  it("are stored with every digit and reach the mapping and its events as strings of their digits", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Shopify");
    await setMapping(ownerScope(handle.db, workspaceId), { sourceId: source.id, mapping: MAPPING });
    const reply = await post(source.id, null, { raw: ORDER });
    expect(reply.body).toMatchObject({ status: "mapped", events: 1, newEvents: 1 });
    const text = await storedText(reply.body.deliveryId as string);
    expect(text).toContain(`"id": ${BIG}`);
    expect(text).toContain("9007199254740993");
    expect(text).toContain(`-${BIG}`);
    const [event] = await eventsOf(handle.db, workspaceId, source.id);
    expect(propertiesOf(event.raw)).toEqual({
      orderId: BIG,
      productId: "9007199254740993",
      customer: `-${BIG}`,
      total: 12.5,
    });

    // The console shows the payload with every digit, and hands it to "use as sample" as the mapping sees it.
    const shown = await getDelivery(ownerScope(handle.db, workspaceId), {
      sourceId: source.id,
      deliveryId: reply.body.deliveryId as string,
    });
    expect(shown.payloadText).toContain(`"id": ${BIG}`);
    expect(shown.payload).toMatchObject({ id: BIG });
  });

  it("keep every digit when a failed delivery is replayed", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Shopify replay");
    const scope = ownerScope(handle.db, workspaceId);
    await setMapping(scope, {
      sourceId: source.id,
      mapping: '{"type": "track", "event": "Order Paid", "userId": $number("x"), "properties": {"orderId": id}}',
    });
    const reply = await post(source.id, null, { raw: ORDER });
    expect(reply.body).toMatchObject({ status: "mapping_failed", events: 0 });
    await setMapping(scope, { sourceId: source.id, mapping: MAPPING });
    expect(
      await replayDeliveries(scope, { sourceId: source.id, deliveryId: reply.body.deliveryId as string }),
    ).toMatchObject({ replayed: 1, stillFailing: 0, newEvents: 1 });
    const [event] = await eventsOf(handle.db, workspaceId, source.id);
    expect(propertiesOf(event.raw)).toMatchObject({ orderId: BIG, productId: "9007199254740993" });
    expect(await storedText(reply.body.deliveryId as string)).toContain(`"id": ${BIG}`);
  });

  it("in a Segment-shaped payload without a mapping stay exact too, beside NUL and lone surrogates made storable", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Segment shaped");
    const reply = await post(source.id, null, {
      raw: `{"type": "identify", "userId": "n\\u0000l", "traits": {"discordId": ${BIG}, "odd\\ud800": "\\udc00x", "pair": "\\ud83d\\ude00", "kept": "\\\\u0000"}}`,
    });
    expect(reply.body).toMatchObject({ status: "mapped", events: 1 });
    const [event] = await eventsOf(handle.db, workspaceId, source.id);
    expect(event.userId).toBe("n\uFFFDl");
    expect((event.raw as { traits: Record<string, unknown> }).traits).toEqual({
      discordId: BIG,
      "odd\uFFFD": "\uFFFDx",
      pair: "😀",
      kept: "\\u0000",
    });
    expect(await storedText(reply.body.deliveryId as string)).toContain(`"discordId": ${BIG}`);
  });
});

describe("a delivery whose signature fails", () => {
  it("keeps only its size, content type, reason and first 1 KB, whatever it decompresses to", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Signed, bombarded");
    await enableSignature(ownerScope(handle.db, workspaceId), source.id);
    // Random text compresses poorly, zeros well: both decompress to nearly the 1 MB limit.
    const bodies = [
      JSON.stringify({ pad: "0".repeat(1_000_000) }),
      JSON.stringify({ pad: randomBytes(500_000).toString("hex") }),
    ];
    const headers = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`x-filler-${i}`, "v".repeat(1_000)]));
    for (const raw of bodies) {
      const reply = await post(source.id, null, {
        raw,
        gzip: true,
        headers: {
          ...headers,
          "webhook-id": "m",
          "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
          "webhook-signature": "v1,bm90IGl0",
        },
      });
      expect(reply).toMatchObject({
        status: 401,
        body: { error: { code: "invalid_signature", message: expect.stringMatching(/matches/) } },
      });
    }
    const sizes = await rows<{ bytes: number }>(
      handle.db,
      sql`SELECT pg_column_size(payload) + pg_column_size(headers) + coalesce(pg_column_size(error), 0) AS bytes FROM webhook_deliveries WHERE workspace_id = ${workspaceId} AND source_id = ${source.id}`,
    );
    expect(sizes).toHaveLength(2);
    for (const { bytes } of sizes) expect(Number(bytes)).toBeLessThan(8_192);
    const [first] = await deliveriesOf(handle.db, workspaceId, source.id);
    expect(first).toMatchObject({
      status: "signature_failed",
      payload: {
        unverified: true,
        bytes: bodies[0].length,
        contentType: "application/json",
        truncated: true,
        excerpt: bodies[0].slice(0, 1024),
      },
    });
    expect(Object.keys(first.headers ?? {}).length).toBeLessThanOrEqual(24);
  });

  it("cannot be replayed, and says why", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Signed, unreplayable");
    await enableSignature(ownerScope(handle.db, workspaceId), source.id);
    expect((await post(source.id, { type: "identify", userId: "x" })).status).toBe(401);
    const [delivery] = await deliveriesOf(handle.db, workspaceId, source.id);
    await expect(
      replayDeliveries(ownerScope(handle.db, workspaceId), { sourceId: source.id, deliveryId: delivery.id }),
    ).rejects.toThrow(/never replayed/);
    const shown = await handle.db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.id, delivery.id)));
    expect(shown[0].eventCount).toBe(0);
  });
});

describe("the default rate limit", () => {
  // Not JSON: a request let through is answered 400 at once, so the burst is not slowed by storing.
  const send = (sourceId: string) =>
    handleWebhookRequest(
      new Request(`http://localhost/api/webhooks/${sourceId}`, { method: "POST", body: "not json" }),
      sourceId,
    );

  it("answers 429 with Retry-After past 100 requests a second on a source that sets none, and the setting can raise it", async () => {
    resetRateLimits();
    const source = await webhookSource(handle.db, workspaceId, "Unlimited?");
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 400 }, () => send(source.id)));
    const seconds = (performance.now() - started) / 1000;
    const passed = results.filter((r) => r.status === 400).length;
    const refused = results.filter((r) => r.status === 429);
    expect(passed + refused.length).toBe(400);
    // One second's worth (100) at once, then 100 more per second the burst lasts.
    expect(passed).toBeGreaterThanOrEqual(100);
    expect(passed).toBeLessThanOrEqual(100 + Math.ceil(seconds * 100) + 1);
    expect(refused.length).toBeGreaterThan(0);
    expect(Number(refused[0].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await refused[0].json()).toEqual({
      error: { code: "rate_limited", message: "this source accepts at most 100 requests per second" },
    });
    expect(await deliveriesOf(handle.db, workspaceId, source.id)).toEqual([]);

    resetRateLimits();
    await updateSource(ownerScope(handle.db, workspaceId), { sourceId: source.id, rateLimitPerSecond: 100_000 });
    const raised = await Promise.all(Array.from({ length: 400 }, () => send(source.id)));
    expect(raised.filter((r) => r.status === 429)).toHaveLength(0);
  });
});
