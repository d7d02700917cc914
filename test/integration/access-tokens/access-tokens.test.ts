import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows, type DatabaseHandle } from "@/db/client";
import { accessTokens, auditLog } from "@/db/schema";
import { CACHE_MS } from "@/server/access-tokens/token-cache";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { startTrackingServer, stopTrackingServer, type TrackingServer } from "../ingestion/tracking-server";
import { expectTrpcError } from "../trpc-call";
import { basic, get } from "../profile-api/helpers";

/** Access tokens through the console's procedures, and how the Profile API treats them. */
let handle: DatabaseHandle;
let server: TrackingServer;
let ws: SeededWorkspace;
beforeAll(async () => {
  handle = await freshDatabase();
  server = await startTrackingServer(handle);
  ws = await seedWorkspace(handle.db, "Token Co");
});
afterAll(() => stopTrackingServer(server, handle));

const as = (role: keyof SeededWorkspace["members"]) => callerFor(handle.db, ws.members[role], ws.id).accessTokens;
/** Any request the token is checked on: the profile does not exist, so a good token answers 404. */
const probe = (token: string) => get(`${server.url}/v1/profiles/user_id:nobody/traits`, basic(token));

describe("accessTokens router", () => {
  it("creates a token shown once, stores only its hash, lists it without hash or token, and audits it", async () => {
    const made = await as("admin").create({ name: "  Website personalisation ", scopes: ["profiles:read"] });
    expect(made.token).toMatch(/^pat_[A-Za-z0-9_-]{43}$/);
    expect(made).toMatchObject({ name: "Website personalisation", scopes: ["profiles:read"] });
    expect(made.tokenPrefix).toBe(made.token.slice(0, 8));

    const [stored] = await rows<Record<string, unknown>>(
      handle.db,
      sql`SELECT * FROM access_tokens WHERE id = ${made.id}`,
    );
    expect(stored.token_hash).toBe(createHash("sha256").update(made.token).digest("hex"));
    expect(JSON.stringify(stored)).not.toContain(made.token);
    expect(JSON.stringify(stored)).not.toContain(made.token.slice(8)); // not even the secret part

    const list = await as("owner").list();
    const listed = list.find((t) => t.id === made.id)!;
    expect(listed).toMatchObject({
      name: "Website personalisation",
      scopes: ["profiles:read"],
      createdBy: ws.members.admin.email,
      status: "active",
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(JSON.stringify(list)).not.toContain(made.token);
    expect(JSON.stringify(list)).not.toContain(String(stored.token_hash));
    expect(Object.keys(listed)).not.toContain("tokenHash");

    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "access_token.create"), eq(auditLog.targetId, made.id)));
    expect(audit).toMatchObject({ workspaceId: ws.id, actorId: ws.members.admin.id });
    expect(JSON.stringify(audit)).not.toContain(made.token);
  });

  it("refuses an unknown scope, no scope and an empty name, naming the problem", async () => {
    await expectTrpcError(
      as("owner").create({ name: "x", scopes: ["profiles:write" as "profiles:read"] }),
      "BAD_REQUEST",
      /unknown scope \\"profiles:write\\"; the scopes are profiles:read/,
    );
    await expectTrpcError(as("owner").create({ name: "x", scopes: [] }), "BAD_REQUEST", /at least one scope/);
    await expectTrpcError(as("owner").create({ name: " ", scopes: ["profiles:read"] }), "BAD_REQUEST", /name/);
  });

  it("is for owners and admins only (tokens:manage)", async () => {
    for (const role of ["marketer", "analyst", "viewer"] as const) {
      await expectTrpcError(as(role).list(), "FORBIDDEN", /tokens:manage/);
      await expectTrpcError(as(role).create({ name: "x", scopes: ["profiles:read"] }), "FORBIDDEN");
    }
  });

  it("revokes a token: this process refuses it at once; the revocation is audited and cannot repeat", async () => {
    const made = await as("owner").create({ name: "Short-lived", scopes: ["profiles:read"] });
    expect((await probe(made.token)).status).toBe(404); // accepted (and now cached)
    const revoked = await as("owner").revoke({ tokenId: made.id });
    expect(revoked).toMatchObject({ id: made.id, name: "Short-lived" });
    expect((await probe(made.token)).status).toBe(401);
    const listed = (await as("owner").list()).find((t) => t.id === made.id)!;
    expect(listed).toMatchObject({ status: "revoked", revokedAt: expect.any(Date) });
    await expectTrpcError(as("owner").revoke({ tokenId: made.id }), "CONFLICT", /already revoked/);
    const audits = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "access_token.revoke"), eq(auditLog.targetId, made.id)));
    expect(audits).toHaveLength(1);
  });

  it("cannot revoke another workspace's token", async () => {
    const other = await seedWorkspace(handle.db, "Other Token Co");
    const theirs = await callerFor(handle.db, other.members.owner, other.id).accessTokens.create({
      name: "Theirs",
      scopes: ["profiles:read"],
    });
    await expectTrpcError(as("owner").revoke({ tokenId: theirs.id }), "NOT_FOUND", /No such access token/);
    expect((await probe(theirs.token)).status).toBe(404);
  });
});

describe("the token check", () => {
  it("stops accepting a token revoked by another process within the cache window", async () => {
    const made = await as("owner").create({ name: "Revoked elsewhere", scopes: ["profiles:read"] });
    expect((await probe(made.token)).status).toBe(404);
    // What another web replica's revocation looks like from here: the row changes, this process's cache does not.
    await handle.db
      .update(accessTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(accessTokens.workspaceId, ws.id), eq(accessTokens.id, made.id)));
    const revokedAt = Date.now();
    expect((await probe(made.token)).status).toBe(404); // still cached: no database read per request
    let status = 0;
    while (Date.now() - revokedAt < CACHE_MS + 2_000) {
      status = (await probe(made.token)).status;
      if (status === 401) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(CACHE_MS + 1_000);
  });

  it("records last use once a minute at most, not on every request", async () => {
    const made = await as("owner").create({ name: "Busy", scopes: ["profiles:read"] });
    const lastUsed = async () =>
      (await as("owner").list()).find((t) => t.id === made.id)!.lastUsedAt?.getTime() ?? null;
    expect(await lastUsed()).toBeNull();
    expect((await probe(made.token)).status).toBe(404);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    expect(Math.abs(first! - Date.now())).toBeLessThan(60_000);
    await new Promise((r) => setTimeout(r, 20));
    for (let i = 0; i < 5; i++) expect((await probe(made.token)).status).toBe(404);
    expect(await lastUsed()).toBe(first);
  });

  it("accepts Bearer as well as Basic", async () => {
    const made = await as("owner").create({ name: "Bearer", scopes: ["profiles:read"] });
    const res = await get(`${server.url}/v1/profiles/user_id:nobody/traits`, {
      authorization: `Bearer ${made.token}`,
    });
    expect(res.status).toBe(404);
  });
});
