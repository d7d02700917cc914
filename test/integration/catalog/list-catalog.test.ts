import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { eventCatalog } from "@/db/schema";
import { ROLES } from "@/server/auth/permissions";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { expectTrpcError } from "../trpc-call";

let handle: DatabaseHandle;
let a: SeededWorkspace;
let b: SeededWorkspace;
let web: string;
let app: string;
const day = (d: number) => new Date(Date.UTC(2025, 4, d));

const owner = (ws: SeededWorkspace) => callerFor(handle.db, ws.members.owner, ws.id);

/** Catalog rows as the ingestion aggregator writes them. */
async function observe(workspaceId: string, sourceId: string, eventType: string, eventName: string, paths: [string, string, number, number, number][]) {
  await handle.db.insert(eventCatalog).values(
    paths.map(([path, valueType, count, first, last]) => ({ workspaceId, sourceId, eventType, eventName, path, valueType, count, firstSeen: day(first), lastSeen: day(last) })),
  );
}

beforeAll(async () => {
  handle = await freshDatabase();
  a = await seedWorkspace(handle.db, "Alpha");
  b = await seedWorkspace(handle.db, "Bravo");
  web = (await owner(a).sources.create({ name: "Web", type: "http" })).source.id;
  app = (await owner(a).sources.create({ name: "App", type: "http" })).source.id;
  const bSource = (await owner(b).sources.create({ name: "Bravo web", type: "http" })).source.id;

  await observe(a.id, web, "track", "Order Completed", [
    ["type", "string", 40, 2, 9],
    ["messageId", "string", 40, 2, 9],
    ["properties.total", "number", 40, 2, 9],
    ["properties.coupon", "string", 6, 3, 8],
    ["properties.coupon", "null", 2, 4, 4],
    ["properties.products", "array", 40, 2, 9],
    ["properties.products[].price", "number", 95, 2, 9],
  ]);
  await observe(a.id, web, "identify", "", [
    ["type", "string", 12, 1, 10],
    ["traits.email", "string", 12, 1, 10],
  ]);
  await observe(a.id, app, "screen", "Cart", [
    ["type", "string", 3, 5, 6],
    ["properties.items", "number", 3, 5, 6],
  ]);
  await observe(b.id, bSource, "track", "Bravo Secret", [["type", "string", 99, 1, 1]]);
});
afterAll(() => handle.close());

describe("catalog.list", () => {
  it("groups paths by source and event, most frequent event first, with totals and first/last seen", async () => {
    const { events, truncated } = await owner(a).catalog.list({});
    expect(truncated).toBe(false);
    expect(events.map((e) => [e.sourceName, e.eventType, e.eventName, e.total, e.propertyCount])).toEqual([
      ["Web", "track", "Order Completed", 40, 7],
      ["Web", "identify", "", 12, 2],
      ["App", "screen", "Cart", 3, 2],
    ]);
    const order = events[0];
    expect(order.firstSeen).toEqual(day(2));
    expect(order.lastSeen).toEqual(day(9));
    expect(order.properties.map((p) => `${p.path}:${p.valueType}`)).toEqual([
      "messageId:string",
      "properties.coupon:null",
      "properties.coupon:string",
      "properties.products:array",
      "properties.products[].price:number",
      "properties.total:number",
      "type:string",
    ]);
    expect(order.properties.find((p) => p.path === "properties.products[].price")).toMatchObject({ count: 95, firstSeen: day(2), lastSeen: day(9) });
  });

  it("filters by source", async () => {
    const { events } = await owner(a).catalog.list({ sourceId: app });
    expect(events.map((e) => e.eventName)).toEqual(["Cart"]);
  });

  it("searches paths case-insensitively, keeping the event's totals", async () => {
    const { events } = await owner(a).catalog.list({ search: "COUPON" });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventName: "Order Completed", total: 40, propertyCount: 7 });
    expect(events[0].properties.map((p) => p.valueType)).toEqual(["null", "string"]);
  });

  it("matches event names too, and treats LIKE wildcards literally", async () => {
    expect((await owner(a).catalog.list({ search: "cart" })).events.map((e) => e.eventName)).toEqual(["Cart"]);
    expect((await owner(a).catalog.list({ search: "%" })).events).toEqual([]);
    expect((await owner(a).catalog.list({ search: "products[]." })).events[0].properties.map((p) => p.path)).toEqual(["properties.products[].price"]);
  });

  it("shows a member of B only B's catalog", async () => {
    const { events } = await owner(b).catalog.list({});
    expect(events.map((e) => e.eventName)).toEqual(["Bravo Secret"]);
    expect((await owner(b).catalog.list({ sourceId: web })).events).toEqual([]);
    expect((await callerFor(handle.db, b.members.analyst, a.id).catalog.list({})).events.map((e) => e.eventName)).toEqual(["Bravo Secret"]);
  });

  it.each(ROLES)("lets a(n) %s read it (events:read)", async (role) => {
    expect((await callerFor(handle.db, a.members[role]).catalog.list({})).events).toHaveLength(3);
  });

  it("refuses an unauthenticated caller", async () => {
    await expectTrpcError(callerFor(handle.db, null).catalog.list({}), "UNAUTHORIZED");
  });
});
