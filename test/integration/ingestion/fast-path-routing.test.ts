import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import { freshDatabase } from "../../helpers/test-db";
import { createTestSource, startTrackingServer, stopTrackingServer, type TrackingServer } from "./tracking-server";

/** The self-hosted server's fast path answers /v1/* and /api/webhooks/<id> itself and leaves the rest to Next. */
let handle: DatabaseHandle;
let server: TrackingServer;
beforeAll(async () => {
  handle = await freshDatabase();
  server = await startTrackingServer(handle);
});
afterAll(() => stopTrackingServer(server, handle));

describe("fast path routing", () => {
  it("hands webhooks to the webhook core through Web Request/Response, streaming a gzipped body", async () => {
    const source = await createTestSource(handle.db, "webhook");
    const payload = { type: "track", userId: "hook-user", event: "Invoice Paid", messageId: "hook-1" };
    const response = await fetch(`${server.url}/api/webhooks/${source.sourceId}`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-encoding": "gzip", "webhook-id": "delivery-1" },
      body: gzipSync(JSON.stringify(payload)),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, events: 1, newEvents: 1 });
    const rows = await rawQuery<{ event: string; user_id: string }>(
      handle.db,
      `SELECT event, user_id FROM events WHERE source_id = $1`,
      [source.sourceId],
    );
    expect(rows).toEqual([{ event: "Invoice Paid", user_id: "hook-user" }]);
    const deliveries = await rawQuery<{ external_id: string }>(
      handle.db,
      `SELECT external_id FROM webhook_deliveries WHERE source_id = $1`,
      [source.sourceId],
    );
    expect(deliveries).toEqual([{ external_id: "delivery-1" }]);
  });

  it("answers unknown webhook sources and other methods from the webhook core too", async () => {
    const unknown = await fetch(`${server.url}/api/webhooks/01a22600-0000-7000-8000-000000000000`, {
      method: "POST",
      body: "{}",
    });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("not_found");
    const get = await fetch(`${server.url}/api/webhooks/01a22600-0000-7000-8000-000000000000`);
    expect(get.status).toBe(405);
  });

  it("leaves every other path to Next", async () => {
    const before = server.requests.length;
    for (const path of ["/api/health", "/v1x/track", "/api/webhooks", "/"]) {
      const response = await fetch(`${server.url}${path}`);
      expect([path, response.status, response.headers.get("x-test-fallback")]).toEqual([path, 404, "next"]);
    }
    expect(server.requests.length - before).toBe(4);
  });
});
