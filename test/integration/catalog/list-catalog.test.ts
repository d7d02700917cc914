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
async function observe(
  workspaceId: string,
  sourceId: string,
  eventType: string,
  eventName: string,
  paths: [string, string, number, number, number][],
) {
  await handle.db.insert(eventCatalog).values(
    paths.map(([path, valueType, count, first, last]) => ({
      workspaceId,
      sourceId,
      eventType,
      eventName,
      path,
      valueType,
      count,
      firstSeen: day(first),
      lastSeen: day(last),
    })),
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
  await observe(a.id, app, "track", "Order Completed", [
    ["type", "string", 10, 1, 5],
    ["properties.total", "number", 10, 1, 5],
    ["properties.currency", "string", 4, 3, 5],
  ]);
  await observe(a.id, app, "track", "Invited jane@example.com", [
    ["type", "string", 1, 6, 6],
    ["properties.guests.bob@example.org", "boolean", 1, 6, 6],
  ]);
  await observe(b.id, bSource, "track", "Bravo Secret", [["type", "string", 99, 1, 1]]);
});
afterAll(() => handle.close());

describe("catalog.list", () => {
  it("gives one entry per event name, the sources sending it inside, most frequent first, paths merged", async () => {
    const { events, truncated } = await owner(a).catalog.list({});
    expect(truncated).toBe(false);
    expect(events.map((e) => [e.eventType, e.eventName, e.total, e.propertyCount])).toEqual([
      ["track", "Order Completed", 50, 8],
      ["identify", "", 12, 2],
      ["screen", "Cart", 3, 2],
      ["track", "Invited jane@example.com", 1, 2],
    ]);
    const order = events[0];
    expect(order.sources.map((s) => [s.sourceName, s.total])).toEqual([
      ["Web", 40],
      ["App", 10],
    ]);
    expect(order.firstSeen).toEqual(day(1));
    expect(order.lastSeen).toEqual(day(9));
    expect(order.properties.map((p) => `${p.path}:${p.valueType}`)).toEqual([
      "messageId:string",
      "properties.coupon:null",
      "properties.coupon:string",
      "properties.currency:string",
      "properties.products:array",
      "properties.products[].price:number",
      "properties.total:number",
      "type:string",
    ]);
    expect(order.properties.find((p) => p.path === "properties.total")).toMatchObject({
      count: 50,
      firstSeen: day(1),
      lastSeen: day(9),
    });
    expect(order.properties.find((p) => p.path === "properties.products[].price")).toMatchObject({
      count: 95,
      firstSeen: day(2),
      lastSeen: day(9),
    });
  });

  it("filters by call type", async () => {
    expect((await owner(a).catalog.list({ type: "screen" })).events.map((e) => e.eventName)).toEqual(["Cart"]);
    expect((await owner(a).catalog.list({ type: "identify" })).events.map((e) => e.eventType)).toEqual(["identify"]);
    await expectTrpcError(owner(a).catalog.list({ type: "bogus" as "track" }), "BAD_REQUEST", /type/);
  });

  it("masks personal data in names and paths for roles without pii:read, and searches only what they see", async () => {
    const viewer = callerFor(handle.db, a.members.viewer);
    const invited = (await viewer.catalog.list({})).events.find((e) => e.eventName.startsWith("Invited"));
    expect(invited?.eventName).toBe("Invited •••@•••");
    // A key holding an email cannot be told from the path before it (keys may hold dots): all of it is masked.
    expect(invited?.properties.map((p) => p.path)).toEqual(["type", "•••@•••"]);
    expect(JSON.stringify(await viewer.catalog.list({}))).not.toMatch(/jane|bob@/);
    expect((await viewer.catalog.list({ search: "jane" })).events).toEqual([]);
    expect((await viewer.catalog.list({ search: "bob" })).events).toEqual([]);
    expect((await viewer.catalog.list({ search: "invited" })).events.map((e) => e.eventName)).toEqual([
      "Invited •••@•••",
    ]);
    expect((await owner(a).catalog.list({ search: "jane" })).events.map((e) => e.eventName)).toEqual([
      "Invited jane@example.com",
    ]);
  });

  it("filters by source", async () => {
    const { events } = await owner(a).catalog.list({ sourceId: app });
    expect(events.map((e) => e.eventName)).toEqual(["Order Completed", "Cart", "Invited jane@example.com"]);
    expect(events[0]).toMatchObject({ total: 10, sources: [{ sourceName: "App", total: 10 }] });
  });

  it("searches paths case-insensitively, keeping the event's totals", async () => {
    const { events } = await owner(a).catalog.list({ search: "COUPON" });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventName: "Order Completed", total: 50, propertyCount: 8 });
    expect(events[0].properties.map((p) => p.valueType)).toEqual(["null", "string"]);
  });

  it("matches event names too, and treats LIKE wildcards literally", async () => {
    expect((await owner(a).catalog.list({ search: "cart" })).events.map((e) => e.eventName)).toEqual(["Cart"]);
    expect((await owner(a).catalog.list({ search: "%" })).events).toEqual([]);
    expect((await owner(a).catalog.list({ search: "products[]." })).events[0].properties.map((p) => p.path)).toEqual([
      "properties.products[].price",
    ]);
  });

  it("shows a member of B only B's catalog", async () => {
    const { events } = await owner(b).catalog.list({});
    expect(events.map((e) => e.eventName)).toEqual(["Bravo Secret"]);
    expect((await owner(b).catalog.list({ sourceId: web })).events).toEqual([]);
    expect(
      (await callerFor(handle.db, b.members.analyst, a.id).catalog.list({})).events.map((e) => e.eventName),
    ).toEqual(["Bravo Secret"]);
  });

  it("lists each event name seen once, sorted, unnamed calls left out, masked without pii:read", async () => {
    expect(await owner(a).catalog.eventNames()).toEqual(["Cart", "Invited jane@example.com", "Order Completed"]);
    expect(await callerFor(handle.db, a.members.viewer).catalog.eventNames()).toEqual([
      "Cart",
      "Invited •••@•••",
      "Order Completed",
    ]);
    expect(await owner(b).catalog.eventNames()).toEqual(["Bravo Secret"]);
  });

  it.each(ROLES)("lets a(n) %s read it (events:read)", async (role) => {
    expect((await callerFor(handle.db, a.members[role]).catalog.list({})).events).toHaveLength(4);
  });

  it("refuses an unauthenticated caller", async () => {
    await expectTrpcError(callerFor(handle.db, null).catalog.list({}), "UNAUTHORIZED");
  });
});
