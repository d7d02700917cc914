import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import * as route from "@/app/v1/[call]/route";
import { useDatabase as setProcessDatabase } from "@/server/database";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { drainEventWriter } from "@/server/ingestion/event-writer";
import { freshDatabase } from "../../helpers/test-db";
import { basicAuth, createTestSource, type TestSource } from "./tracking-server";

/** The Next route handler (app/v1/[call]/route.ts) is the same core behind a Web Request/Response door. */
let handle: DatabaseHandle;
let source: TestSource;
beforeAll(async () => {
  handle = await freshDatabase();
  setProcessDatabase(handle);
  source = await createTestSource(handle.db);
});
afterAll(async () => {
  await drainEventWriter();
  await flushCatalog();
  await handle.close();
});

const request = (path: string, init: RequestInit) => new Request(`http://localhost${path}`, init);

describe("app/v1/[call]/route.ts", () => {
  it("is dynamic and stores a gzipped track call sent with Basic auth", async () => {
    expect(route.dynamic).toBe("force-dynamic");
    const body = gzipSync(JSON.stringify({ userId: "web-u", event: "Viewed", messageId: "web-1" }));
    const response = await route.POST(
      request("/v1/track", {
        method: "POST",
        body,
        headers: { authorization: basicAuth(source.writeKey), "content-encoding": "gzip" },
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true, accepted: 1, duplicates: 0, rejected: [] });
    const rows = await rawQuery<{ event: string; user_id: string }>(
      handle.db,
      `SELECT event, user_id FROM events WHERE message_id = 'web-1'`,
      [],
    );
    expect(rows).toEqual([{ event: "Viewed", user_id: "web-u" }]);
  });

  it("answers preflights, and stops reading a streamed body past 500 KB", async () => {
    const preflight = await route.OPTIONS(
      request("/v1/batch", { method: "OPTIONS", headers: { origin: "https://a.example" } }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://a.example");

    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(32));
      },
    });
    const response = await route.POST(
      request("/v1/batch", {
        method: "POST",
        body: endless,
        headers: { authorization: basicAuth(source.writeKey) },
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("request_too_large");
    expect(pulled).toBeLessThan(1024 * 1024);
  });
});
