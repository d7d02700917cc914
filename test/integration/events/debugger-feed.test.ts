import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { ROLES } from "@/server/auth/permissions";
import type { FeedCursor } from "@/server/events/schema";
import { MASKS } from "@/server/privacy/pii-policy";
const MASK = MASKS.value;
import { freshDatabase, secondConnection } from "../../helpers/test-db";
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

/**
 * Polls as the browser does (use-debugger-feed.ts: each id shown once) until `done` holds for the names shown;
 * on a shared server another database's transaction can hold the horizon back for a moment.
 */
async function pollUntil(
  sourceId: string,
  first: { cursor: FeedCursor; items: { id: string }[] },
  done: (names: string[]) => boolean,
) {
  let cursor = first.cursor;
  const seen = new Set(first.items.map((i) => i.id));
  const names: string[] = [];
  for (let attempt = 0; attempt < 200 && !done(names); attempt++) {
    const page = await owner(a).events.debuggerFeed({ sourceId, after: cursor });
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      names.push(item.status === "accepted" ? (item.event ?? "") : item.status);
    }
    cursor = page.cursor;
    if (!done(names)) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return names;
}

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
    expect(feed.cursor).toMatchObject(feed.items[0].cursor);
  });

  it("returns rows written since the cursor; an idle poll brings nothing not shown before", async () => {
    const first = await owner(a).events.debuggerFeed({ sourceId: web });
    const shown = new Set(first.items.map((i) => i.id));
    const idle = await owner(a).events.debuggerFeed({ sourceId: web, after: first.cursor });
    expect(idle.items.filter((i) => !shown.has(i.id))).toEqual([]);
    expect(idle.cursor).toMatchObject({ at: first.cursor.at, id: first.cursor.id });

    await storeMessages(handle.db, a.id, web, at(t0, 10), [{ type: "track", event: "Later", anonymousId: "anon-2" }]);
    await storeRejection(handle.db, a.id, web, at(t0, 11), "userId or anonymousId is required", '{"type":"page"');
    const next = await owner(a).events.debuggerFeed({ sourceId: web, after: idle.cursor });
    expect(next.items.slice(0, 2).map((i) => i.status)).toEqual(["rejected", "accepted"]);
    expect(next.items[0]).toMatchObject({ reason: "userId or anonymousId is required", payload: '{"type":"page"' });
    expect(next.cursor).toMatchObject(next.items[0].cursor);
  });

  it("returns a row written after the cursor however long before it was received (a retried or slow write)", async () => {
    const source = (await owner(a).sources.create({ name: "Late", type: "http" })).source.id;
    await storeMessages(handle.db, a.id, source, at(t0, 200), [
      { type: "track", event: "Newest", anonymousId: "anon-l" },
    ]);
    const first = await owner(a).events.debuggerFeed({ sourceId: source });
    // Received an hour before the newest row shown, written only now: no look-back window would reach it.
    await storeMessages(handle.db, a.id, source, at(t0, 200 - 3_600), [
      { type: "track", event: "Committed late", anonymousId: "anon-l" },
    ]);
    await storeRejection(handle.db, a.id, source, at(t0, 200 - 3_000), "userId or anonymousId is required", "{}");
    expect(await pollUntil(source, first, (names) => names.length >= 2)).toEqual(["rejected", "Committed late"]);
  });

  it("shows an event whose transaction commits after later ones, once it has (PostgreSQL: real concurrent transactions)", async () => {
    const target = inject("testDatabase");
    if (target.kind === "pglite") return; // one connection: no transaction stays open beside another
    const source = (await owner(a).sources.create({ name: "Concurrent", type: "http" })).source.id;
    const holder = secondConnection(handle);
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedEarly = new Promise<void>((r) => (inserted = r));
    const held = holder.begin(async (tx) => {
      await tx`INSERT INTO events (workspace_id, id, source_id, message_id, type, event, user_id, timestamp, received_at, raw)
               VALUES (${a.id}, ${uuidv7()}, ${source}, 'early-but-late', 'track', 'Early but late', 'u1', now(),
                       now() - interval '10 minutes', ${tx.json({ messageId: "early-but-late" })})`;
      inserted();
      await released;
    });
    try {
      await insertedEarly;
      await storeMessages(handle.db, a.id, source, new Date(), [{ type: "track", event: "After", userId: "u1" }]);
      const first = await owner(a).events.debuggerFeed({ sourceId: source });
      expect(first.items.map((i) => i.status === "accepted" && i.event)).toEqual(["After"]); // live, not held back
      release();
      await held;
      // Received ten minutes before "After", visible only now: the next polls bring it.
      expect(await pollUntil(source, first, (names) => names.includes("Early but late"))).toEqual(["Early but late"]);
    } finally {
      release();
      await held.catch(() => {});
      await holder.end();
    }
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
