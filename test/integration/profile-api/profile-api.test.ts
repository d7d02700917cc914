import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows, type DatabaseHandle } from "@/db/client";
import { revokeAccessToken } from "@/server/access-tokens/revoke-access-token";
import { SYSTEM_ACTOR } from "@/server/scope";
import { freshDatabase } from "../../helpers/test-db";
import { startTrackingServer, stopTrackingServer, type TrackingServer } from "../ingestion/tracking-server";
import { apiWorkspace, basic, bearer, get, ingest, type ApiWorkspace } from "./helpers";

/**
 * The Profile API over real HTTP on the self-hosted server's fast path, on profiles the pipeline built from
 * events sent to the tracking API: a person browsing on a laptop and a phone, identified on both (a merge).
 */
let handle: DatabaseHandle;
let server: TrackingServer;
let a: ApiWorkspace;
let b: ApiWorkspace;
let ana: string; // the surviving profile
let mergedAway: string; // the phone's profile, merged into ana
let bAna: string;

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 8, minute)).toISOString();
const TRACKS = 7;

beforeAll(async () => {
  handle = await freshDatabase();
  server = await startTrackingServer(handle);
  a = await apiWorkspace(handle.db);
  b = await apiWorkspace(handle.db);
  const send = (ws: ApiWorkspace, messages: Record<string, unknown>[]) => ingest(server.url, handle.db, ws, messages);
  await send(a, [
    { type: "page", anonymousId: "laptop-1", name: "Home", timestamp: at(0), messageId: "p-laptop" },
    { type: "page", anonymousId: "phone-1", name: "Pricing", timestamp: at(1), messageId: "p-phone" },
  ]);
  const [phoneProfile] = await rows<{ profile_id: string }>(
    handle.db,
    sql`SELECT profile_id FROM identities WHERE workspace_id = ${a.workspaceId} AND value = 'phone-1'`,
  );
  mergedAway = phoneProfile.profile_id;
  await send(a, [
    {
      type: "identify",
      anonymousId: "laptop-1",
      userId: "ana",
      traits: { email: "Ana@Example.com", plan: "free", name: "Ana Lima", phone: "(415) 555-0100", city: "Porto" },
      timestamp: at(10),
      messageId: "i-laptop",
    },
  ]);
  await send(a, [
    {
      type: "identify",
      anonymousId: "phone-1",
      traits: { email: "ANA@example.com", plan: "pro" },
      timestamp: at(11),
      messageId: "i-phone",
    },
  ]);
  await send(a, [
    ...Array.from({ length: TRACKS }, (_, i) => ({
      type: "track",
      userId: "ana",
      event: "Viewed Product",
      properties: { sku: `sku-${i}` },
      timestamp: at(20 + i),
      messageId: `t-${i}`,
    })),
    // Two events at the same instant: paging must keep both.
    { type: "track", userId: "ana", event: "Tie", properties: { n: 1 }, timestamp: at(40), messageId: "tie-1" },
    { type: "track", userId: "ana", event: "Tie", properties: { n: 2 }, timestamp: at(40), messageId: "tie-2" },
  ]);
  await send(b, [
    { type: "identify", userId: "ana", traits: { email: "ana@example.com", plan: "enterprise" }, messageId: "b-1" },
  ]);
  [{ profile_id: ana }] = await rows<{ profile_id: string }>(
    handle.db,
    sql`SELECT profile_id FROM identities WHERE workspace_id = ${a.workspaceId} AND type = 'user_id' AND value = 'ana'`,
  );
  [{ profile_id: bAna }] = await rows<{ profile_id: string }>(
    handle.db,
    sql`SELECT profile_id FROM identities WHERE workspace_id = ${b.workspaceId} AND type = 'user_id' AND value = 'ana'`,
  );
  expect(mergedAway).not.toBe(ana);
});
afterAll(() => stopTrackingServer(server, handle));

const api = (path: string) => `${server.url}/v1/profiles/${path}`;
const ALL_MESSAGES = 2 + 2 + TRACKS + 2;

describe("traits", () => {
  it("answers the golden record, found by an upper-case email in the URL (normalised like the pipeline)", async () => {
    const res = await get(api("email:ANA%40Example.COM/traits"), basic(a.token));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = res.json as { traits: Record<string, unknown>; cursor: Record<string, unknown> };
    expect(body.traits).toMatchObject({ plan: "pro", name: "Ana Lima", city: "Porto", phone: "(415) 555-0100" });
    expect(Object.keys(body.traits).sort()).toEqual(["city", "email", "name", "phone", "plan"]);
    expect(body.cursor).toEqual({ url: "/v1/profiles/email:ANA%40Example.COM/traits", has_more: false, next: null });
  });

  it("answers only the traits named by include", async () => {
    const res = await get(api("user_id:ana/traits?include=plan,%20name,unknown_trait"), bearer(a.token));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ traits: { name: "Ana Lima", plan: "pro" }, cursor: { has_more: false } });
    expect(Object.keys((res.json as { traits: object }).traits)).toEqual(["name", "plan"]);
  });

  it("pages by limit with a cursor, every trait once", async () => {
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const res = await get(api(`user_id:ana/traits?limit=2${next ? `&next=${next}` : ""}`), bearer(a.token));
      expect(res.status).toBe(200);
      const body = res.json as { traits: object; cursor: { has_more: boolean; next: string | null } };
      expect(Object.keys(body.traits).length).toBeLessThanOrEqual(2);
      seen.push(...Object.keys(body.traits));
      expect(body.cursor.has_more).toBe(body.cursor.next !== null);
      next = body.cursor.next;
    } while (next);
    expect(seen).toEqual(["city", "email", "name", "phone", "plan"]);
  });
});

describe("events", () => {
  it("answers the profile's events newest first, keyset-paged without loss at equal times", async () => {
    const pages: { message_id: string; timestamp: string }[][] = [];
    let next: string | null = null;
    do {
      const res = await get(api(`user_id:ana/events?limit=3${next ? `&next=${next}` : ""}`), basic(a.token));
      expect(res.status).toBe(200);
      const body = res.json as { data: { message_id: string; timestamp: string }[]; cursor: { next: string | null } };
      pages.push(body.data);
      next = body.cursor.next;
    } while (next);
    const all = pages.flat();
    expect(pages.every((p) => p.length <= 3)).toBe(true);
    expect(all).toHaveLength(ALL_MESSAGES);
    expect(new Set(all.map((e) => e.message_id)).size).toBe(ALL_MESSAGES);
    const times = all.map((e) => Date.parse(e.timestamp));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(
      all
        .slice(0, 2)
        .map((e) => e.message_id)
        .sort(),
    ).toEqual(["tie-1", "tie-2"]);
    expect(all.at(-1)!.message_id).toBe("p-laptop"); // the laptop's first page view, before the merge
  });

  it("gives each event's type, name, time and properties (traits for identify)", async () => {
    const res = await get(api("anonymous_id:phone-1/events?limit=200"), basic(a.token));
    const data = (res.json as { data: Record<string, unknown>[] }).data;
    expect(data.find((e) => e.message_id === "t-6")).toMatchObject({
      type: "track",
      event: "Viewed Product",
      timestamp: "2026-06-01T08:26:00.000000Z",
      properties: { sku: "sku-6" },
      user_id: "ana",
      source_id: a.sourceId,
    });
    expect(data.find((e) => e.message_id === "p-phone")).toMatchObject({ type: "page", event: "Pricing" });
    expect(data.find((e) => e.message_id === "i-phone")).toMatchObject({
      type: "identify",
      traits: { email: "ANA@example.com", plan: "pro" },
    });
  });
});

describe("external ids and metadata", () => {
  it("lists the profile's identifiers with their source and first sighting, newest first", async () => {
    const res = await get(api("user_id:ana/external_ids"), basic(a.token));
    expect(res.status).toBe(200);
    const data = (res.json as { data: { type: string; id: string; source_name: string; first_seen: string }[] }).data;
    expect(data.map((i) => `${i.type}:${i.id}`).sort()).toEqual([
      "anonymous_id:laptop-1",
      "anonymous_id:phone-1",
      "email:ana@example.com",
      "phone:+14155550100",
      "user_id:ana",
    ]);
    expect(data.every((i) => i.source_name === "Source http")).toBe(true);
    expect(data.find((i) => i.id === "laptop-1")!.first_seen).toBe("2026-06-01T08:00:00.000000Z");
    const times = data.map((i) => Date.parse(i.first_seen));
    expect([...times].sort((x, y) => y - x)).toEqual(times);

    const first = await get(api("user_id:ana/external_ids?limit=2"), basic(a.token));
    const cursor = (first.json as { cursor: { has_more: boolean; next: string } }).cursor;
    expect(cursor.has_more).toBe(true);
    const rest = await get(api(`user_id:ana/external_ids?limit=200&next=${cursor.next}`), basic(a.token));
    const ids = [...(first.json as { data: { id: string }[] }).data, ...(rest.json as { data: { id: string }[] }).data];
    expect(ids.map((i) => i.id)).toEqual(data.map((i) => i.id));
  });

  it("answers the profile's metadata with the ids merged into it", async () => {
    const res = await get(api("email:ana@example.com/metadata"), basic(a.token));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      metadata: {
        profile_id: ana,
        created_at: expect.stringMatching(/Z$/),
        updated_at: expect.stringMatching(/Z$/),
        first_seen: "2026-06-01T08:00:00.000000Z",
        last_seen: "2026-06-01T08:40:00.000000Z",
        merged_ids: [mergedAway],
      },
    });
  });

  it("finds a profile by profile_id, a merged-away id by the profile it joined, and phones in any writing", async () => {
    for (const path of [
      `profile_id:${ana}`,
      `profile_id:${mergedAway}`,
      `profile_id:${mergedAway.toUpperCase()}`,
      "phone:%2B14155550100",
      "phone:+1%20415%20555%200100",
      "phone:(415)%20555-0100",
      "anonymous_id:laptop-1",
      "email%3Aana%40example.com",
    ]) {
      const res = await get(api(`${path}/metadata`), bearer(a.token));
      expect([path, res.status, (res.json as { metadata?: { profile_id: string } }).metadata?.profile_id]).toEqual([
        path,
        200,
        ana,
      ]);
    }
  });
});

describe("tenant isolation", () => {
  it("answers each token from its own workspace only: another workspace's profile is not found", async () => {
    const mine = await get(api("user_id:ana/traits"), basic(b.token));
    expect(mine.json).toMatchObject({ traits: { plan: "enterprise" } });
    const theirs = await get(api(`profile_id:${bAna}/traits`), basic(a.token));
    expect(theirs.status).toBe(404);
    const back = await get(api(`profile_id:${ana}/events`), basic(b.token));
    expect(back.status).toBe(404);
    expect(JSON.stringify(back.json)).not.toContain("sku");
  });
});

describe("status codes", () => {
  const expectError = async (res: Awaited<ReturnType<typeof get>>, status: number, code: string, message: RegExp) => {
    expect(res.status, JSON.stringify(res.json)).toBe(status);
    const error = (res.json as { error: { code: string; message: string } }).error;
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  };

  it("404 names the identifier when no profile has it", async () => {
    await expectError(
      await get(api("email:Nobody%40Example.com/traits"), basic(a.token)),
      404,
      "profile_not_found",
      /no profile with email "nobody@example.com"/,
    );
    await expectError(
      await get(api("profile_id:01a22600-0000-7000-8000-000000000000/metadata"), basic(a.token)),
      404,
      "profile_not_found",
      /no profile with profile_id/,
    );
  });

  it("401 with WWW-Authenticate for a missing, unknown or revoked token", async () => {
    const missing = await get(api("user_id:ana/traits"));
    await expectError(missing, 401, "missing_token", /Basic auth user name/);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Basic realm="Profile API".*Bearer/);
    const unknown = await get(api("user_id:ana/traits"), basic("pat_not-a-real-token"));
    await expectError(unknown, 401, "invalid_token", /unknown or has been revoked/);
    expect(unknown.headers.get("www-authenticate")).toContain("Basic");
    await expectError(
      await get(api("user_id:ana/traits"), { authorization: "Digest x" }),
      401,
      "missing_token",
      /Bearer/,
    );

    const doomed = await apiWorkspace(handle.db);
    expect((await get(api("user_id:ana/traits"), basic(doomed.token))).status).toBe(404); // valid, other workspace
    await revokeAccessToken(
      { db: handle.db, workspaceId: doomed.workspaceId, role: "owner", actor: SYSTEM_ACTOR },
      doomed.tokenId,
    );
    await expectError(await get(api("user_id:ana/traits"), basic(doomed.token)), 401, "invalid_token", /revoked/);
  });

  it("403 for a token without the profiles:read scope", async () => {
    // Every scope today is profiles:read; a token made for a later scope only is written directly.
    const other = await apiWorkspace(handle.db);
    await handle.db.execute(
      sql`UPDATE access_tokens SET scopes = '{}' WHERE workspace_id = ${other.workspaceId} AND id = ${other.tokenId}`,
    );
    await expectError(
      await get(api("user_id:ana/traits"), bearer(other.token)),
      403,
      "insufficient_scope",
      /does not have the profiles:read scope/,
    );
  });

  it("400 names what is wrong with the path, the type, the value or a parameter", async () => {
    const cases: [string, RegExp][] = [
      ["", /name a profile and what to read/],
      ["user_id:ana", /name what to read after the profile/],
      ["user_id:ana/friends", /unknown resource "friends"; use one of traits, events, external_ids, metadata/],
      ["user_id:ana/traits/extra", /too many/],
      ["ana/traits", /must be \{type\}:\{value\}/],
      ["user_id:/traits", /value is empty/],
      ["user_id:%E0%A4%A/traits", /percent-encoding/],
      ["shoe_size:42/traits", /unknown identifier type "shoe_size"; this workspace's types are user_id, email/],
      ["email:not-an-email/traits", /email is not an email address/],
      ["phone:12/traits", /is not a phone number/],
      ["profile_id:123/traits", /profile_id must be a profile id/],
      ["user_id:ana/traits?limit=0", /limit must be a whole number from 1 to 200; got "0"/],
      ["user_id:ana/events?limit=201", /limit must be a whole number from 1 to 200/],
      ["user_id:ana/events?limit=ten", /got "ten"/],
      ["user_id:ana/events?next=bogus", /next is not a cursor this API gave out/],
      ["user_id:ana/events?include=plan", /unknown query parameter "include"; events takes limit, next/],
      ["user_id:ana/metadata?limit=5", /metadata takes none/],
      ["user_id:ana/traits?include=", /include names no trait/],
      ["user_id:ana/traits?limit=1&limit=2", /give limit once/],
    ];
    for (const [path, message] of cases) {
      const res = await get(api(path), basic(a.token));
      expect([path, res.status]).toEqual([path, 400]);
      expect((res.json as { error: { message: string } }).error.message, path).toMatch(message);
    }
  });

  it("405 for any method but GET, with Allow", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const res = await get(api("user_id:ana/traits"), basic(a.token), method);
      expect([method, res.status, res.headers.get("allow")]).toEqual([method, 405, "GET"]);
      expect((res.json as { error: { message: string } }).error.message).toMatch(/answers GET/);
    }
  });

  it("leaves the tracking API where it was", async () => {
    const res = await fetch(`${server.url}/v1/track`, { method: "GET" });
    expect(res.status).toBe(405);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/send a POST/);
  });
});

describe("speed", () => {
  it("answers traits by email quickly on a warm cache (figures printed)", async () => {
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      const res = await fetch(api("email:ana%40example.com/traits"), { headers: basic(a.token) });
      await res.arrayBuffer();
      times.push(performance.now() - started);
      expect(res.status).toBe(200);
    }
    times.sort((x, y) => x - y);
    const p = (q: number) => times[Math.floor(q * (times.length - 1))].toFixed(2);
    console.log(
      `Profile API traits by email, 200 sequential requests: p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms`,
    );
  });
});
