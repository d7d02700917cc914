import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import { catalogConsumer } from "@/server/catalog/catalog-consumer";
import { appendEvents } from "@/server/ingestion/append-events";
import type { PipelineConsumer } from "@/server/pipeline/define-consumer";
import { drainPipeline } from "@/server/pipeline/drain-pipeline";
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
 * Stored events feed the event catalog — paths, JSON types, counts, first and last seen, summed across steps —
 * through the pipeline's catalog consumer, not inside storage.
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

interface CatalogRow {
  event_type: string;
  event_name: string;
  path: string;
  value_type: string;
  count: string | number;
  first_seen: string | Date;
  last_seen: string | Date;
}

const catalog = () =>
  rawQuery<CatalogRow>(
    handle.db,
    `SELECT event_type, event_name, path, value_type, count, first_seen, last_seen FROM event_catalog WHERE source_id = $1`,
    [source.sourceId],
  );
/** The tracking API acknowledged the events (committed): let the catalog consumer read them. */
const countCatalog = () => drainPipeline(handle.db, [catalogConsumer]).then(() => {});
const find = (rows: CatalogRow[], eventName: string, path: string) =>
  rows.filter((r) => r.event_name === eventName && r.path === path).map((r) => [r.value_type, Number(r.count)]);

const order = (messageId: string, total: unknown) => ({
  type: "track",
  userId: "u1",
  event: "Order Completed",
  messageId,
  properties: {
    total,
    items: [
      { sku: "a", price: 10 },
      { sku: "b", price: null },
    ],
    coupon: null,
  },
});

const refund = (messageId: string) => ({
  type: "track",
  userId: "u1",
  event: "Refunded",
  messageId,
  properties: { amount: 5 },
});

describe("event catalog", () => {
  it("records each path with its JSON types and counts, array items as [], and adds up across flushes", async () => {
    const auth = { authorization: basicAuth(source.writeKey) };
    await post(`${server.url}/v1/batch`, { batch: [order("o-1", 12.5), order("o-2", "12.50")] }, auth);
    await post(
      `${server.url}/v1/identify`,
      { userId: "u1", messageId: "i-1", traits: { email: "a@b.c", tags: ["x"] } },
      auth,
    );
    await countCatalog();
    let rows = await catalog();
    expect(find(rows, "Order Completed", "properties.total").sort()).toEqual([
      ["number", 1],
      ["string", 1],
    ]);
    expect(find(rows, "Order Completed", "properties.items")).toEqual([["array", 2]]);
    expect(find(rows, "Order Completed", "properties.items[]")).toEqual([["object", 2]]);
    expect(find(rows, "Order Completed", "properties.items[].price").sort()).toEqual([
      ["null", 2],
      ["number", 2],
    ]);
    expect(find(rows, "Order Completed", "properties.coupon")).toEqual([["null", 2]]);
    expect(find(rows, "Order Completed", "type")).toEqual([["string", 2]]);
    expect(find(rows, "", "traits.tags[]")).toEqual([["string", 1]]);
    expect(rows.find((r) => r.path === "traits.email")?.event_type).toBe("identify");

    // A duplicate is not counted again; a new event adds to the stored counts.
    await post(`${server.url}/v1/batch`, { batch: [order("o-1", 1), order("o-3", 7)] }, auth);
    await countCatalog();
    rows = await catalog();
    expect(find(rows, "Order Completed", "properties.total").sort()).toEqual([
      ["number", 2],
      ["string", 1],
    ]);
    const type = rows.find((r) => r.event_name === "Order Completed" && r.path === "type")!;
    expect(Number(type.count)).toBe(3);
    expect(new Date(type.last_seen).getTime()).toBeGreaterThanOrEqual(new Date(type.first_seen).getTime());
  });

  it("is counted by the pipeline consumer, exactly once: nothing at storage, nothing from a failed step", async () => {
    const auth = { authorization: basicAuth(source.writeKey) };
    const count = async () => find(await catalog(), "Refunded", "properties.amount");
    expect((await post(`${server.url}/v1/batch`, { batch: [refund("r-1"), refund("r-2")] }, auth)).status).toBe(200);
    expect(await count()).toEqual([]); // stored and acknowledged, not yet counted
    // A step that fails after the upsert rolls back its counts with its cursor.
    const failing: PipelineConsumer = {
      ...catalogConsumer,
      handle: async (tx, events) => {
        await catalogConsumer.handle(tx, events);
        throw new Error("the step fails after counting");
      },
    };
    await expect(drainPipeline(handle.db, [failing])).rejects.toThrow(/fails after counting/);
    expect(await count()).toEqual([]);
    await countCatalog();
    await countCatalog();
    expect(await count()).toEqual([["number", 2]]);
  });

  it("counts events this process did not parse (stored in a caller's transaction) from their stored JSON", async () => {
    await handle.db.transaction(async (tx) => {
      await appendEvents(tx as unknown as Db, {
        workspaceId: source.workspaceId,
        sourceId: source.sourceId,
        messages: [{ message: { ...refund("r-tx"), properties: { amount: "5.00" } }, receivedAt: new Date() }],
      });
    });
    await countCatalog();
    expect(find(await catalog(), "Refunded", "properties.amount").sort()).toEqual([
      ["number", 2],
      ["string", 1],
    ]);
  });

  it("caps the paths of a hostile event", async () => {
    const auth = { authorization: basicAuth(source.writeKey) };
    const wide = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`p${i}`, i]));
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 50; i++) deep = { d: deep };
    await post(`${server.url}/v1/track`, { userId: "u", event: "Wide", properties: wide }, auth);
    await post(`${server.url}/v1/track`, { userId: "u", event: "Deep", properties: deep }, auth);
    await countCatalog();
    const rows = await catalog();
    expect(rows.filter((r) => r.event_name === "Wide").length).toBe(200);
    const deepest = Math.max(...rows.filter((r) => r.event_name === "Deep").map((r) => r.path.split(".").length));
    expect(deepest).toBe(6);
  });
});
