import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import * as route from "@/app/v1/profiles/[[...path]]/route";
import { freshDatabase } from "../../helpers/test-db";
import { startTrackingServer, stopTrackingServer, type TrackingServer } from "../ingestion/tracking-server";
import { apiWorkspace, basic, ingest, type ApiWorkspace } from "./helpers";

/** The plain Next route (app/v1/profiles/[[...path]]/route.ts) is the same Profile API behind a Web Request door. */
let handle: DatabaseHandle;
let server: TrackingServer;
let ws: ApiWorkspace;
beforeAll(async () => {
  handle = await freshDatabase();
  server = await startTrackingServer(handle); // the process database, and the tracking API to build a profile
  ws = await apiWorkspace(handle.db);
  await ingest(server.url, handle.db, ws, [
    { type: "identify", userId: "route-user", traits: { email: "Route@Example.com", tier: "gold" }, messageId: "r-1" },
  ]);
});
afterAll(() => stopTrackingServer(server, handle));

const request = (path: string, init: RequestInit = {}) => new Request(`http://localhost${path}`, init);

describe("app/v1/profiles/[[...path]]/route.ts", () => {
  it("is dynamic and answers traits by an encoded, upper-case email", async () => {
    expect(route.dynamic).toBe("force-dynamic");
    const response = await route.GET(
      request("/v1/profiles/email:ROUTE%40example.com/traits?include=tier", { headers: basic(ws.token) }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ traits: { tier: "gold" }, cursor: { has_more: false } });
  });

  it("answers 401 with WWW-Authenticate, 400 for a bad path and 405 for other methods", async () => {
    const unauthenticated = await route.GET(request("/v1/profiles/user_id:route-user/traits"));
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get("www-authenticate")).toContain("Basic");
    const bare = await route.GET(request("/v1/profiles", { headers: basic(ws.token) }));
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { error: { message: string } }).error.message).toMatch(/name a profile/);
    const post = await route.POST(request("/v1/profiles/user_id:route-user/traits", { method: "POST", body: "{}" }));
    expect([post.status, post.headers.get("allow")]).toEqual([405, "GET"]);
    const del = await route.DELETE(request("/v1/profiles/user_id:route-user/traits", { method: "DELETE" }));
    expect(del.status).toBe(405);
  });

  it("answers events and metadata as the fast path does", async () => {
    const [events, metadata] = await Promise.all(
      ["events", "metadata"].map((r) =>
        route.GET(request(`/v1/profiles/user_id:route-user/${r}`, { headers: basic(ws.token) })),
      ),
    );
    expect(((await events.json()) as { data: { message_id: string }[] }).data.map((e) => e.message_id)).toEqual([
      "r-1",
    ]);
    expect(((await metadata.json()) as { metadata: { merged_ids: string[] } }).metadata.merged_ids).toEqual([]);
  });
});
