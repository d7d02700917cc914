import { Analytics as SegmentAnalytics } from "@segment/analytics-node";
import RudderAnalytics from "@rudderstack/rudder-sdk-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import { freshDatabase } from "../../helpers/test-db";
import {
  createTestSource,
  failNextEventInserts,
  startTrackingServer,
  stopTrackingServer,
  type TestSource,
  type TrackingServer,
} from "./tracking-server";

/**
 * The real Segment and RudderStack Node SDKs, unchanged, against the fast path on a loopback HTTP server:
 * every call is stored exactly once with the right fields, including when the server answers 503 once.
 */
let handle: DatabaseHandle;
let server: TrackingServer;
beforeAll(async () => {
  handle = await freshDatabase();
  server = await startTrackingServer(handle);
});
afterAll(() => stopTrackingServer(server, handle));

interface StoredEvent {
  message_id: string;
  type: string;
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  group_id: string | null;
  previous_id: string | null;
  timestamp: string | Date;
  original_timestamp: string | Date | null;
  sent_at: string | Date | null;
  raw: Record<string, unknown>;
}

async function storedEvents(source: TestSource): Promise<StoredEvent[]> {
  return rawQuery<StoredEvent>(
    handle.db,
    `SELECT message_id, type, event, user_id, anonymous_id, group_id, previous_id, timestamp, original_timestamp, sent_at, raw
     FROM events WHERE workspace_id = $1 AND source_id = $2 ORDER BY type, message_id`,
    [source.workspaceId, source.sourceId],
  );
}

const ms = (value: string | Date | null) => (value === null ? null : new Date(value).getTime());

/** The calls both SDKs offer (method syntax: each SDK's own parameter types fit). */
interface SdkClient {
  identify(message: object): unknown;
  track(message: object): unknown;
  page(message: object): unknown;
  screen(message: object): unknown;
  group(message: object): unknown;
  alias(message: object): unknown;
}

/** One of each call, as both SDKs take them. */
function sendAll(client: SdkClient, tag: string) {
  client.identify({ userId: `${tag}-user`, traits: { email: `${tag}@example.com`, plan: "pro" } });
  client.track({
    userId: `${tag}-user`,
    event: "Order Completed",
    properties: { total: 42.5, items: [{ sku: "a", price: 40 }] },
  });
  client.page({ anonymousId: `${tag}-anon`, name: "Pricing", properties: { url: "https://example.com/pricing" } });
  client.screen({ userId: `${tag}-user`, name: "Home" });
  client.group({ userId: `${tag}-user`, groupId: `${tag}-company` });
  client.alias({ userId: `${tag}-user`, previousId: `${tag}-anon` });
}

function expectOneOfEach(rows: StoredEvent[], tag: string) {
  expect(rows).toHaveLength(6);
  expect(new Set(rows.map((r) => r.message_id)).size).toBe(6);
  const byType = Object.fromEntries(rows.map((r) => [r.type, r]));
  expect(Object.keys(byType).sort()).toEqual(["alias", "group", "identify", "page", "screen", "track"]);
  expect(byType.identify).toMatchObject({ user_id: `${tag}-user`, event: null });
  expect((byType.identify.raw.traits as Record<string, unknown>).email).toBe(`${tag}@example.com`);
  expect(byType.track).toMatchObject({ user_id: `${tag}-user`, event: "Order Completed" });
  expect(byType.track.raw.properties).toEqual({ total: 42.5, items: [{ sku: "a", price: 40 }] });
  expect(byType.page).toMatchObject({ anonymous_id: `${tag}-anon`, user_id: null, event: "Pricing" });
  expect(byType.screen).toMatchObject({ user_id: `${tag}-user`, event: "Home" });
  expect(byType.group).toMatchObject({ user_id: `${tag}-user`, group_id: `${tag}-company` });
  expect(byType.alias).toMatchObject({ user_id: `${tag}-user`, previous_id: `${tag}-anon` });
  const now = Date.now();
  for (const row of rows) {
    // Sent a moment ago by a client whose clock is this machine's: the corrected time is close to now.
    expect(ms(row.original_timestamp)).toBeGreaterThan(now - 60_000);
    expect(ms(row.sent_at)).toBeGreaterThanOrEqual(ms(row.original_timestamp)!);
    expect(Math.abs(ms(row.timestamp)! - ms(row.original_timestamp)!)).toBeLessThan(10_000);
  }
}

function segmentClient(source: TestSource) {
  return new SegmentAnalytics({
    writeKey: source.writeKey,
    host: server.url,
    path: "/v1/batch",
    flushAt: 6,
    flushInterval: 50,
    maxRetries: 3,
  });
}

function rudderClient(source: TestSource) {
  return new RudderAnalytics(source.writeKey, {
    dataPlaneUrl: server.url,
    flushAt: 6,
    flushInterval: 50,
    retryCount: 3,
    axiosRetryConfig: { retryDelay: () => 50 },
    logLevel: "none",
  });
}

describe("@segment/analytics-node", () => {
  it("stores identify, track, page, screen, group and alias once each, with their fields", async () => {
    const source = await createTestSource(handle.db);
    const analytics = segmentClient(source);
    const failures: unknown[] = [];
    analytics.on("error", (error) => failures.push(error));
    sendAll(analytics, "seg");
    await analytics.closeAndFlush();
    expect(failures).toEqual([]);
    expectOneOfEach(await storedEvents(source), "seg");
    const seen = server.requests.filter(
      (r) => r.headers.authorization === `Basic ${Buffer.from(`${source.writeKey}:`).toString("base64")}`,
    );
    expect(seen.every((r) => r.path === "/v1/batch")).toBe(true);
  });

  it("retries after a 503 from a storage failure and after a lost answer, and nothing is stored twice", async () => {
    const source = await createTestSource(handle.db);
    const undo = await failNextEventInserts(handle.db, 1);
    const analytics = segmentClient(source);
    const failures: unknown[] = [];
    analytics.on("error", (error) => failures.push(error));
    const responses: number[] = [];
    analytics.on("http_response", (r) => responses.push(r.status));
    sendAll(analytics, "seg-retry");
    await analytics.closeAndFlush();
    await undo();
    expect(responses).toEqual([503, 200]);
    expect(failures).toEqual([]);
    expectOneOfEach(await storedEvents(source), "seg-retry");

    // Committed, but the answer never reached the client: its retry is recognised as duplicates.
    const again = await createTestSource(handle.db);
    const second = segmentClient(again);
    const secondResponses: number[] = [];
    second.on("http_response", (r) => secondResponses.push(r.status));
    server.loseResponses(1);
    sendAll(second, "seg-lost");
    await second.closeAndFlush();
    expect(secondResponses).toEqual([503, 200]);
    expectOneOfEach(await storedEvents(again), "seg-lost");
  });
});

describe("@rudderstack/rudder-sdk-node", () => {
  it("stores every call once from gzipped batches posted to <dataPlaneUrl>/v1/batch", async () => {
    const source = await createTestSource(handle.db);
    const before = server.requests.length;
    const client = rudderClient(source);
    sendAll(client, "rs");
    await client.flush();
    await client.flush();
    expectOneOfEach(await storedEvents(source), "rs");
    const sent = server.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const request of sent) {
      expect(request.path).toBe("/v1/batch");
      expect(request.headers["content-encoding"]).toBe("gzip");
      // Gzipped JSON with a form content type: the body is JSON whatever the label says.
      expect(request.headers["content-type"]).toMatch(/x-www-form-urlencoded/);
    }
  });

  it("retries a 503 and a lost answer without duplicates", async () => {
    const source = await createTestSource(handle.db);
    const undo = await failNextEventInserts(handle.db, 1);
    server.loseResponses(0);
    const client = rudderClient(source);
    const before = server.requests.length;
    sendAll(client, "rs-retry");
    await client.flush();
    await client.flush();
    await undo();
    expectOneOfEach(await storedEvents(source), "rs-retry");
    expect(server.requests.length - before).toBeGreaterThan(2); // at least one retry happened

    const again = await createTestSource(handle.db);
    const second = rudderClient(again);
    server.loseResponses(1);
    sendAll(second, "rs-lost");
    await second.flush();
    await second.flush();
    expectOneOfEach(await storedEvents(again), "rs-lost");
  });
});
