import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { ROLES } from "@/server/auth/permissions";
import { LATE_COMMIT_WINDOW_MS } from "@/server/events/debugger-feed";
import { MASKS } from "@/server/privacy/pii-policy";
const MASK = MASKS.value;
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { expectTrpcError } from "../trpc-call";
import { at, storeMessages, storeRejection } from "./seed-events";

let handle: DatabaseHandle;
let a: SeededWorkspace;
let b: SeededWorkspace;
let web: string;
let other: string;
let bSource: string;
const t0 = new Date("2025-03-01T10:00:00.000Z");

const owner = (ws: SeededWorkspace) => callerFor(handle.db, ws.members.owner, ws.id);

beforeAll(async () => {
  handle = await freshDatabase();
  a = await seedWorkspace(handle.db, "Alpha");
  b = await seedWorkspace(handle.db, "Bravo");
  web = (await owner(a).sources.create({ name: "Web", type: "http" })).source.id;
  other = (await owner(a).sources.create({ name: "Backend", type: "http" })).source.id;
  bSource = (await owner(b).sources.create({ name: "Bravo web", type: "http" })).source.id;

  await storeMessages(handle.db, a.id, web, at(t0, 1), [{ type: "page", name: "Home", anonymousId: "anon-1" }]);
  await storeMessages(handle.db, a.id, web, at(t0, 2), [
    {
      type: "identify",
      userId: "u-1",
      anonymousId: "anon-1",
      traits: { email: "jane@example.com", name: "Jane Doe", plan: "pro" },
    },
  ]);
  await storeRejection(handle.db, a.id, web, at(t0, 3), "a track call needs an event name (event)", {
    type: "track",
    anonymousId: "anon-1",
  });
  await storeMessages(handle.db, a.id, web, at(t0, 4), [
    { type: "track", event: "Order Completed", userId: "u-1", properties: { total: 42 } },
  ]);
  await storeMessages(handle.db, a.id, other, at(t0, 5), [{ type: "track", event: "Server Side", userId: "u-1" }]);
  await storeMessages(handle.db, b.id, bSource, at(t0, 6), [{ type: "track", event: "Bravo Only", userId: "b-1" }]);
});
afterAll(() => handle.close());

describe("events.debuggerFeed", () => {
  it("merges the source's accepted and refused events, newest first, with reasons and payloads", async () => {
    const feed = await owner(a).events.debuggerFeed({ sourceId: web });
    expect(
      feed.items.map((i) => (i.status === "accepted" ? `${i.type}:${i.event ?? ""}` : `rejected:${i.reason}`)),
    ).toEqual(["track:Order Completed", "rejected:a track call needs an event name (event)", "identify:", "page:Home"]);
    const rejected = feed.items[1];
    expect(rejected).toMatchObject({
      status: "rejected",
      sourceId: web,
      payload: { type: "track", anonymousId: "anon-1" },
    });
    expect(feed.items[0]).toMatchObject({
      status: "accepted",
      userId: "u-1",
      payload: { event: "Order Completed", properties: { total: 42 } },
    });
    expect(feed.items[0].receivedAt).toEqual(at(t0, 4));
    expect(feed.cursor).toEqual(feed.items[0].cursor);
  });

  it("returns rows received after the cursor, and the same cursor when nothing is new", async () => {
    const first = await owner(a).events.debuggerFeed({ sourceId: web });
    const idle = await owner(a).events.debuggerFeed({ sourceId: web, after: first.cursor! });
    expect(idle.cursor).toEqual(first.cursor);

    await storeMessages(handle.db, a.id, web, at(t0, 10), [{ type: "track", event: "Later", anonymousId: "anon-2" }]);
    await storeRejection(handle.db, a.id, web, at(t0, 11), "userId or anonymousId is required", '{"type":"page"');
    const next = await owner(a).events.debuggerFeed({ sourceId: web, after: first.cursor! });
    expect(next.items.slice(0, 2).map((i) => i.status)).toEqual(["rejected", "accepted"]);
    expect(next.items[0]).toMatchObject({ reason: "userId or anonymousId is required", payload: '{"type":"page"' });
    expect(next.cursor).toEqual(next.items[0].cursor);
  });

  it("also returns rows that committed after the cursor was handed out, received up to 30 s before it", async () => {
    const source = (await owner(a).sources.create({ name: "Late", type: "http" })).source.id;
    await storeMessages(handle.db, a.id, source, at(t0, 200), [
      { type: "track", event: "Newest", anonymousId: "anon-l" },
    ]);
    const first = await owner(a).events.debuggerFeed({ sourceId: source });
    expect(LATE_COMMIT_WINDOW_MS).toBe(30_000);

    await storeMessages(handle.db, a.id, source, at(t0, 200 - 29), [
      { type: "track", event: "Committed late", anonymousId: "anon-l" },
    ]);
    await storeRejection(handle.db, a.id, source, at(t0, 200 - 5), "userId or anonymousId is required", "{}");
    await storeMessages(handle.db, a.id, source, at(t0, 200 - 31), [
      { type: "track", event: "Too old", anonymousId: "anon-l" },
    ]);
    const next = await owner(a).events.debuggerFeed({ sourceId: source, after: first.cursor! });
    expect(next.items.map((i) => (i.status === "accepted" ? i.event : i.status))).toEqual([
      "Newest",
      "rejected",
      "Committed late",
    ]);
    expect(next.cursor).toEqual(first.cursor);
  });

  it("returns at most `limit` rows, the newest ones", async () => {
    const source = (await owner(a).sources.create({ name: "Busy", type: "http" })).source.id;
    for (let s = 0; s < 60; s++)
      await storeMessages(handle.db, a.id, source, at(t0, 100 + s), [
        { type: "track", event: `N${s}`, userId: "busy" },
      ]);
    const feed = await owner(a).events.debuggerFeed({ sourceId: source });
    expect(feed.items).toHaveLength(50);
    expect(feed.items[0]).toMatchObject({ event: "N59" });
    expect(feed.items[49]).toMatchObject({ event: "N10" });
  });

  it("masks personal data for roles without pii:read", async () => {
    const find = (items: { status: string; type?: string }[]) =>
      items.find((i) => i.type === "identify") as unknown as { payload: { traits: Record<string, string> } };
    const asOwner = find((await owner(a).events.debuggerFeed({ sourceId: web })).items);
    expect(asOwner.payload.traits).toEqual({ email: "jane@example.com", name: "Jane Doe", plan: "pro" });
    const asViewer = find((await callerFor(handle.db, a.members.viewer).events.debuggerFeed({ sourceId: web })).items);
    expect(asViewer.payload.traits).toEqual({ email: MASK, name: MASK, plan: "pro" });
  });

  it.each(ROLES)("lets a(n) %s read it (events:read)", async (role) => {
    const feed = await callerFor(handle.db, a.members[role]).events.debuggerFeed({ sourceId: web });
    expect(feed.items.length).toBeGreaterThan(0);
  });

  it("refuses an unauthenticated caller", async () => {
    await expectTrpcError(callerFor(handle.db, null).events.debuggerFeed({ sourceId: web }), "UNAUTHORIZED");
  });

  it("keeps workspaces apart: another workspace's source is NOT_FOUND, even when asking for that workspace", async () => {
    await expectTrpcError(owner(b).events.debuggerFeed({ sourceId: web }), "NOT_FOUND");
    await expectTrpcError(
      callerFor(handle.db, b.members.owner, a.id).events.debuggerFeed({ sourceId: web }),
      "NOT_FOUND",
    );
    const bravo = await owner(b).events.debuggerFeed({ sourceId: bSource });
    expect(bravo.items.map((i) => i.status === "accepted" && i.event)).toEqual(["Bravo Only"]);
  });

  it("shows only the asked source's events", async () => {
    const feed = await owner(a).events.debuggerFeed({ sourceId: other });
    expect(feed.items.map((i) => i.status === "accepted" && i.event)).toEqual(["Server Side"]);
  });

  it("refuses a malformed cursor as BAD_REQUEST", async () => {
    await expectTrpcError(
      owner(a).events.debuggerFeed({ sourceId: web, after: { at: "yesterday", id: web } }),
      "BAD_REQUEST",
    );
  });
});
