import { and, count, eq, max, min } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, events, rejectedEvents, sources } from "@/db/schema";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { normalizeMessage } from "@/server/ingestion/normalize-message";
import { createDemoPopulation } from "@/server/demo/create-demo-population";
import { ensureDemoSource, DEMO_SOURCE_NAME } from "@/server/demo/ensure-demo-source";
import { generateMalformed, generateVisit } from "@/server/demo/generate-demo-messages";
import { createRandom } from "@/server/demo/seeded-random";
import { startDemo } from "@/server/demo/start-demo";
import { startDemoTraffic } from "@/server/demo/start-demo-traffic";
import { sourceByWriteKey } from "@/server/sources/source-by-write-key";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";

let handle: DatabaseHandle;
let demo: SeededWorkspace;
let other: SeededWorkspace;

beforeAll(async () => {
  handle = await freshDatabase();
  demo = await seedWorkspace(handle.db, "Demo");
  other = await seedWorkspace(handle.db, "Other");
});
afterAll(async () => {
  await flushCatalog();
  await handle.close();
});

const countEvents = async (sourceId: string) =>
  (
    await handle.db
      .select({ n: count() })
      .from(events)
      .where(and(eq(events.workspaceId, demo.id), eq(events.sourceId, sourceId)))
  )[0].n;
const until = async (check: () => Promise<boolean>, ms = 10_000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
    if (await check()) return;
  throw new Error("condition not met in time");
};

describe("demo messages", () => {
  it("are valid Segment messages: every visit normalises, every malformed one is refused with a reason", () => {
    const population = createDemoPopulation("seed");
    expect(population).toHaveLength(200);
    expect(new Set(population.map((v) => v.anonymousId)).size).toBe(200);
    const random = createRandom("visits");
    const kinds = new Set<string>();
    for (let i = 0; i < 500; i++) {
      for (const { at, message } of generateVisit(random.pick(population), random, new Date())) {
        const normalized = normalizeMessage(message, { receivedAt: at });
        expect(normalized.ok, JSON.stringify(normalized)).toBe(true);
        kinds.add(normalized.ok ? `${normalized.row.type}:${normalized.row.event ?? ""}` : "");
      }
      const bad = generateMalformed(random.pick(population), random, new Date());
      expect(normalizeMessage(bad.message, { receivedAt: bad.at })).toMatchObject({
        ok: false,
        reason: expect.any(String),
      });
    }
    expect([...kinds]).toEqual(
      expect.arrayContaining([
        "identify:",
        "track:Product Viewed",
        "track:Product Added",
        "track:Order Completed",
        "track:Signed Up",
      ]),
    );
  });

  it("keep a workspace's visitors the same from one start to the next", () => {
    expect(createDemoPopulation("ws-1")).toEqual(createDemoPopulation("ws-1"));
    expect(createDemoPopulation("ws-1")[0].anonymousId).not.toBe(createDemoPopulation("ws-2")[0].anonymousId);
  });
});

describe("ensureDemoSource", () => {
  it("creates the http source once, audited, with a working write key and two weeks of stored history", async () => {
    const now = new Date();
    const created = await ensureDemoSource(handle.db, demo.id, now);
    expect(created.created).toBe(true);
    expect(created.writeKey).toMatch(/^wk_/);
    expect((await sourceByWriteKey(handle.db, created.writeKey!))?.id).toBe(created.sourceId);
    expect(created.backfill.stored).toBeGreaterThan(2_000);
    expect(created.backfill.rejected).toBeGreaterThan(0);
    expect(await countEvents(created.sourceId)).toBe(created.backfill.stored);

    const [{ oldest, newest }] = await handle.db
      .select({ oldest: min(events.receivedAt), newest: max(events.receivedAt) })
      .from(events)
      .where(eq(events.sourceId, created.sourceId));
    expect(now.getTime() - new Date(oldest!).getTime()).toBeGreaterThan(13 * 86_400_000);
    expect(new Date(newest!).getTime()).toBeLessThan(now.getTime());
    const refused = await handle.db.select().from(rejectedEvents).where(eq(rejectedEvents.sourceId, created.sourceId));
    expect(refused.length).toBe(created.backfill.rejected);
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, demo.id), eq(auditLog.action, "source.create")));
    expect(audit.map((r) => r.targetId)).toContain(created.sourceId);

    const again = await ensureDemoSource(handle.db, demo.id);
    expect(again).toEqual({
      sourceId: created.sourceId,
      writeKey: null,
      created: false,
      backfill: { stored: 0, rejected: 0 },
    });
    expect(await handle.db.select().from(sources).where(eq(sources.name, DEMO_SOURCE_NAME))).toHaveLength(1);
  });

  it("fills the explorer through the console's own procedures, in the demo workspace only", async () => {
    const { sourceId } = await ensureDemoSource(handle.db, demo.id);
    const page = await callerFor(handle.db, demo.members.analyst).events.list({
      sourceId,
      event: "Order Completed",
      limit: 5,
    });
    expect(page.events.length).toBe(5);
    expect(page.events[0].payload).toMatchObject({ properties: { currency: "EUR", products: expect.any(Array) } });
    expect((await callerFor(handle.db, other.members.owner).events.list({})).events).toEqual([]);
  });

  it("fills the event catalog as the ingestion aggregator does, with prices inside the products arrays", async () => {
    const { sourceId } = await ensureDemoSource(handle.db, demo.id);
    const { events: catalog } = await callerFor(handle.db, demo.members.viewer).catalog.list({ sourceId });
    const order = catalog.find((e) => e.eventType === "track" && e.eventName === "Order Completed");
    expect(order?.total).toBeGreaterThan(10);
    // Each stored event is counted once, however many steps it went through.
    await flushCatalog();
    const [{ orders }] = await handle.db
      .select({ orders: count() })
      .from(events)
      .where(and(eq(events.workspaceId, demo.id), eq(events.sourceId, sourceId), eq(events.event, "Order Completed")));
    const recounted = (await callerFor(handle.db, demo.members.viewer).catalog.list({ sourceId })).events.find(
      (e) => e.eventName === "Order Completed",
    );
    expect(recounted?.total).toBe(orders);
    expect(order?.properties).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "properties.products[].price", valueType: "number" }),
        expect.objectContaining({ path: "properties.total", valueType: "number", count: order?.total }),
      ]),
    );
    const identify = catalog.find((e) => e.eventType === "identify");
    expect(identify?.properties.map((p) => p.path)).toEqual(
      expect.arrayContaining(["traits.email", "traits.firstName"]),
    );
    expect((await callerFor(handle.db, other.members.owner).catalog.list({})).events).toEqual([]);
  });
});

describe("startDemoTraffic", () => {
  it("keeps storing live events, accepted and refused, until stopped; pauses while the source is disabled", async () => {
    const { sourceId } = await ensureDemoSource(handle.db, demo.id);
    const before = await countEvents(sourceId);
    const errors: unknown[] = [];
    const stop = startDemoTraffic(handle.db, demo.id, sourceId, {
      intervalMs: 20,
      malformedRate: 0.5,
      onError: (e) => errors.push(e),
    });
    await until(async () => (await countEvents(sourceId)) > before + 10);
    const feed = await callerFor(handle.db, demo.members.owner).events.debuggerFeed({ sourceId, limit: 100 });
    expect(feed.items[0].receivedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);

    await callerFor(handle.db, demo.members.owner).sources.update({ sourceId, enabled: false });
    await new Promise((r) => setTimeout(r, 100));
    const paused = await countEvents(sourceId);
    await new Promise((r) => setTimeout(r, 300));
    expect(await countEvents(sourceId)).toBe(paused);

    await stop();
    expect(errors).toEqual([]);
    await callerFor(handle.db, demo.members.owner).sources.update({ sourceId, enabled: true });
  });

  it("ends by itself once the source is deleted", async () => {
    const { sourceId } = await ensureDemoSource(handle.db, demo.id);
    await callerFor(handle.db, demo.members.owner).sources.delete({ sourceId, confirmName: DEMO_SOURCE_NAME });
    const errors: unknown[] = [];
    const stop = startDemoTraffic(handle.db, demo.id, sourceId, { intervalMs: 20, onError: (e) => errors.push(e) });
    const before = await countEvents(sourceId);
    await new Promise((r) => setTimeout(r, 300));
    expect(await countEvents(sourceId)).toBe(before);
    await stop();
    expect(errors).toEqual([]);
  });
});

describe("startDemo", () => {
  it("ensures the source and starts its traffic in one call", async () => {
    const fresh = await seedWorkspace(handle.db, "Fresh demo");
    const { source, stop } = await startDemo(handle.db, fresh.id, { intervalMs: 20 });
    expect(source).toMatchObject({ created: true, writeKey: expect.stringMatching(/^wk_/) });
    const stored = async () =>
      (await handle.db.select({ n: count() }).from(events).where(eq(events.workspaceId, fresh.id)))[0].n;
    await until(async () => (await stored()) > source.backfill.stored);
    await stop();
  });
});
