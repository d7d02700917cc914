import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { eventCatalog } from "@/db/schema";
import { ROLES, can } from "@/server/auth/permissions";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { expectTrpcError } from "../trpc-call";
import { at, storeMessages, storeRejection } from "./seed-events";

let handle: DatabaseHandle;
let a: SeededWorkspace;
let b: SeededWorkspace;
let web: string;
let app: string;
const t0 = new Date("2025-04-01T08:00:00.000Z");

const owner = (ws: SeededWorkspace) => callerFor(handle.db, ws.members.owner, ws.id);
const names = (page: { events: { type: string; event: string | null }[] }) => page.events.map((e) => e.event ?? e.type);

beforeAll(async () => {
  handle = await freshDatabase();
  a = await seedWorkspace(handle.db, "Alpha");
  b = await seedWorkspace(handle.db, "Bravo");
  web = (await owner(a).sources.create({ name: "Web", type: "http" })).source.id;
  app = (await owner(a).sources.create({ name: "App", type: "http" })).source.id;
  const bSource = (await owner(b).sources.create({ name: "Bravo web", type: "http" })).source.id;

  await storeMessages(handle.db, a.id, web, at(t0, 0), [{ type: "page", name: "Home", anonymousId: "anon-1" }]);
  await storeMessages(handle.db, a.id, web, at(t0, 60), [
    { type: "track", event: "Product Viewed", anonymousId: "anon-1", properties: { price: 10 } },
  ]);
  await storeMessages(handle.db, a.id, web, at(t0, 120), [
    { type: "identify", userId: "u-1", anonymousId: "anon-1", traits: { plan: "pro" } },
  ]);
  await storeMessages(handle.db, a.id, web, at(t0, 180), [
    { type: "track", event: "Order Completed", userId: "u-1", anonymousId: "anon-1", properties: { total: 30 } },
  ]);
  await storeMessages(handle.db, a.id, app, at(t0, 240), [{ type: "screen", name: "Cart", userId: "u-2" }]);
  await storeMessages(handle.db, a.id, app, at(t0, 300), [
    { type: "track", event: "Order Completed", userId: "u-2", properties: { total: 5 } },
  ]);
  await storeRejection(handle.db, a.id, web, at(t0, 330), "a track call needs an event name (event)", {
    type: "track",
    userId: "u-1",
  });
  await storeMessages(handle.db, b.id, bSource, at(t0, 90), [
    { type: "track", event: "Order Completed", userId: "u-1" },
  ]);
  await storeMessages(handle.db, b.id, bSource, at(t0, 95), [
    { type: "track", event: "order completed", userId: "u-9" },
  ]);
  await storeMessages(handle.db, b.id, bSource, at(t0, 96), [
    {
      type: "track",
      event: "Signed Up",
      anonymousId: "kim@example.com",
      properties: { phone_number: "+47 912 34 567" },
    },
  ]);
  // The catalog as the ingestion aggregator writes it (its flush is periodic).
  const seen = { path: "type", valueType: "string", count: 1, firstSeen: t0, lastSeen: t0 };
  await handle.db.insert(eventCatalog).values([
    { workspaceId: a.id, sourceId: web, eventType: "track", eventName: "Order Completed", ...seen },
    { workspaceId: b.id, sourceId: bSource, eventType: "track", eventName: "Order Completed", ...seen },
    { workspaceId: b.id, sourceId: bSource, eventType: "track", eventName: "order completed", ...seen },
  ]);
});
afterAll(() => handle.close());

describe("events.list filters", () => {
  it("lists the workspace's accepted events newest first (refused ones live in the debugger)", async () => {
    const page = await owner(a).events.list({});
    expect(names(page)).toEqual(["Order Completed", "Cart", "Order Completed", "identify", "Product Viewed", "Home"]);
    expect(page.nextCursor).toBeNull();
    expect(page.events[0]).toMatchObject({
      status: "accepted",
      sourceId: app,
      userId: "u-2",
      payload: { properties: { total: 5 } },
    });
  });

  it("filters by source", async () => {
    expect(names(await owner(a).events.list({ sourceId: app }))).toEqual(["Order Completed", "Cart"]);
  });

  it("filters by type", async () => {
    expect(names(await owner(a).events.list({ type: "track" }))).toEqual([
      "Order Completed",
      "Order Completed",
      "Product Viewed",
    ]);
    expect(names(await owner(a).events.list({ type: "identify" }))).toEqual(["identify"]);
  });

  it("filters by event name (exact), including page and screen names", async () => {
    const orders = await owner(a).events.list({ event: "Order Completed" });
    expect(orders.events.map((e) => e.userId)).toEqual(["u-2", "u-1"]);
    expect(names(await owner(a).events.list({ event: "Home" }))).toEqual(["Home"]);
    expect(names(await owner(a).events.list({ event: "Order" }))).toEqual([]);
  });

  it("matches the event name without case, finding every spelling the catalog has seen", async () => {
    expect((await owner(a).events.list({ event: "order COMPLETED" })).events.map((e) => e.userId)).toEqual([
      "u-2",
      "u-1",
    ]);
    expect((await owner(b).events.list({ event: "ORDER completed" })).events.map((e) => e.event)).toEqual([
      "order completed",
      "Order Completed",
    ]);
    expect(names(await owner(a).events.list({ event: "order_completed" }))).toEqual([]);
    // Not in the catalog yet: still found when typed exactly.
    expect(names(await owner(a).events.list({ event: "Home" }))).toEqual(["Home"]);
  });

  it("filters by user: a userId or an anonymousId", async () => {
    expect(names(await owner(a).events.list({ user: "u-1" }))).toEqual(["Order Completed", "identify"]);
    expect(names(await owner(a).events.list({ user: "anon-1" }))).toEqual([
      "Order Completed",
      "identify",
      "Product Viewed",
      "Home",
    ]);
  });

  it("filters by received time range, both ends included", async () => {
    expect(names(await owner(a).events.list({ from: at(t0, 60), to: at(t0, 180) }))).toEqual([
      "Order Completed",
      "identify",
      "Product Viewed",
    ]);
    expect(names(await owner(a).events.list({ from: at(t0, 241) }))).toEqual(["Order Completed"]);
  });

  it("combines filters", async () => {
    expect(
      names(await owner(a).events.list({ sourceId: web, type: "track", user: "anon-1", to: at(t0, 100) })),
    ).toEqual(["Product Viewed"]);
  });

  it("refuses a range whose start is after its end", async () => {
    await expectTrpcError(owner(a).events.list({ from: at(t0, 10), to: at(t0, 0) }), "BAD_REQUEST", /from/);
  });
});

describe("events.list pagination", () => {
  it("walks pages by keyset without overlap or gap, ties at one instant included", async () => {
    const source = (await owner(a).sources.create({ name: "Paged", type: "http" })).source.id;
    await storeMessages(
      handle.db,
      a.id,
      source,
      at(t0, 1000),
      Array.from({ length: 4 }, (_, i) => ({ type: "track", event: `Same ${i}`, userId: "p" })),
    );
    for (let i = 0; i < 3; i++)
      await storeMessages(handle.db, a.id, source, at(t0, 1001 + i), [
        { type: "track", event: `Later ${i}`, userId: "p" },
      ]);
    const all = await owner(a).events.list({ sourceId: source });
    expect(all.events).toHaveLength(7);

    const seen: string[] = [];
    let before = undefined as (typeof all)["nextCursor"] | undefined;
    const sizes: number[] = [];
    for (;;) {
      const page = await owner(a).events.list({ sourceId: source, limit: 3, before: before ?? undefined });
      sizes.push(page.events.length);
      seen.push(...page.events.map((e) => e.id));
      if (!page.nextCursor) break;
      before = page.nextCursor;
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(all.events.map((e) => e.id));
  });

  it("says there is no next page when the last page is exactly full", async () => {
    const page = await owner(a).events.list({ sourceId: app, limit: 2 });
    expect(page.events).toHaveLength(2);
    expect(page.nextCursor).toBeNull();
  });
});

describe("events.list scope and permissions", () => {
  it("shows a member of B only B's events, even for A's source id", async () => {
    expect(names(await owner(b).events.list({}))).toEqual(["Signed Up", "order completed", "Order Completed"]);
    expect(await owner(b).events.list({ sourceId: web })).toMatchObject({ events: [] });
    expect(names(await callerFor(handle.db, b.members.viewer, a.id).events.list({ user: "u-1" }))).toEqual([
      "Order Completed",
    ]);
    expect((await owner(b).events.list({ event: "Order Completed" })).events.every((e) => e.sourceId !== web)).toBe(
      true,
    );
  });

  it.each(ROLES)("lets a(n) %s list events", async (role) => {
    expect(names(await callerFor(handle.db, a.members[role]).events.list({ sourceId: web }))).toEqual([
      "Order Completed",
      "identify",
      "Product Viewed",
      "Home",
    ]);
  });

  it.each(ROLES)(
    "as %s: an email sent as anonymousId and a phone under phone_number are masked exactly without pii:read",
    async (role) => {
      const [signup] = (await callerFor(handle.db, b.members[role]).events.list({ event: "Signed Up" })).events;
      const text = JSON.stringify(signup);
      if (can(role, "pii:read")) {
        expect(signup.anonymousId).toBe("kim@example.com");
        expect(text).toContain("+47 912 34 567");
      } else {
        expect(signup.anonymousId).toBe("•••@•••");
        expect(text).not.toMatch(/kim@|912 34/);
      }
    },
  );

  it("refuses a search by a personal value to roles without pii:read, saying why; other searches still work", async () => {
    for (const role of ROLES.filter((r) => !can(r, "pii:read"))) {
      const as = callerFor(handle.db, b.members[role]);
      await expectTrpcError(
        as.events.list({ user: "kim@example.com" }),
        "FORBIDDEN",
        /may not search by personal data: the user filter holds an email address/,
      );
      await expectTrpcError(as.events.list({ user: "+47 912 34 567" }), "FORBIDDEN", /a phone number/);
      await expectTrpcError(as.events.list({ event: "kim@example.com" }), "FORBIDDEN", /event name filter/);
      expect(names(await as.events.list({ user: "u-9" }))).toEqual(["order completed"]);
    }
    expect((await owner(b).events.list({ user: "kim@example.com" })).events.map((e) => e.event)).toEqual(["Signed Up"]);
  });

  it("refuses an unauthenticated caller", async () => {
    await expectTrpcError(callerFor(handle.db, null).events.list({}), "UNAUTHORIZED");
  });
});
