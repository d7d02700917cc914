import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { auditLog, loginAttempts, users } from "@/db/schema";
import { createUser } from "@/server/accounts/create-user";
import { ATTEMPT_WINDOW_MS, MAX_FAILED_ATTEMPTS, verifyCredentials } from "@/server/accounts/verify-credentials";
import { SYSTEM_ACTOR } from "@/server/scope";
import { createWorkspace } from "@/server/workspaces/create-workspace";
import { freshDatabase } from "../../helpers/test-db";
import { TEST_PASSWORD } from "../../helpers/fixtures";

let handle: DatabaseHandle;
let workspaceId: string;
const account: Record<
  "plain" | "target" | "victim" | "bystander" | "stale" | "edge" | "raced" | "crowd",
  { id: string; email: string }
> = {} as never;

beforeAll(async () => {
  handle = await freshDatabase();
  for (const key of Object.keys({
    plain: 0,
    target: 0,
    victim: 0,
    bystander: 0,
    stale: 0,
    edge: 0,
    raced: 0,
    crowd: 0,
  }) as (keyof typeof account)[]) {
    account[key] = await createUser(handle.db, { email: `${key}@throttle.test`, password: TEST_PASSWORD });
  }
  workspaceId = (await createWorkspace(handle.db, SYSTEM_ACTOR, { name: "Throttle", ownerId: account.target.id })).id;
});
afterAll(() => handle.close());

const signIn = (email: string, password: string, ip: string) => verifyCredentials(handle.db, { email, password, ip });

/** Failed attempts written directly, `agoMs` in the past. */
async function pastFailures(n: number, email: string, ip: string, agoMs: number) {
  const at = new Date(Date.now() - agoMs);
  await handle.db
    .insert(loginAttempts)
    .values(Array.from({ length: n }, () => ({ id: uuidv7(), email, ip, succeeded: false, at })));
}

describe("checking credentials", () => {
  it("accepts the right password (any case of the email) and records the success", async () => {
    const result = await signIn("  Plain@Throttle.TEST ", TEST_PASSWORD, "10.0.0.1");
    expect(result).toEqual({
      ok: true,
      user: { id: account.plain.id, email: "plain@throttle.test", name: null, sessionVersion: 0 },
    });
    const attempts = await handle.db.select().from(loginAttempts).where(eq(loginAttempts.email, "plain@throttle.test"));
    expect(attempts.map((a) => [a.ip, a.succeeded])).toEqual([["10.0.0.1", true]]);
  });

  it("refuses a wrong password as invalid", async () => {
    expect(await signIn(account.plain.email, "wrong password", "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses an unknown email as invalid (not as a different error)", async () => {
    expect(await signIn("nobody@throttle.test", TEST_PASSWORD, "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("stores passwords hashed with scrypt, never in clear", async () => {
    const rows = await handle.db.select({ hash: users.passwordHash }).from(users);
    expect(rows.length).toBeGreaterThan(0);
    for (const { hash } of rows) {
      expect(hash).toMatch(/^scrypt\$/);
      expect(hash).not.toContain(TEST_PASSWORD);
    }
    expect(new Set(rows.map((r) => r.hash)).size, "each hash is salted").toBe(rows.length);
  });
});

describe("locking an account after repeated failures", () => {
  it(`refuses the attempt after ${MAX_FAILED_ATTEMPTS} failures as locked, even with the right password`, async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      expect(await signIn(account.target.email, `guess ${i}`, "10.1.0.1")).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signIn(account.target.email, TEST_PASSWORD, "10.1.0.1")).toEqual({ ok: false, reason: "locked" });
  });

  it("keeps the account locked from another IP too", async () => {
    expect(await signIn(account.target.email, TEST_PASSWORD, "10.1.0.2")).toEqual({ ok: false, reason: "locked" });
  });

  it("does not record refused attempts as further failures", async () => {
    const attempts = await handle.db.select().from(loginAttempts).where(eq(loginAttempts.email, account.target.email));
    expect(attempts).toHaveLength(MAX_FAILED_ATTEMPTS);
  });

  it("audits each refusal in the user's workspace", async () => {
    const refused = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.signin_refused"), eq(auditLog.targetId, account.target.id)));
    expect(refused).toHaveLength(2);
    expect(refused.map((r) => r.ip).sort()).toEqual(["10.1.0.1", "10.1.0.2"]);
    for (const row of refused)
      expect(row).toMatchObject({ workspaceId, actorId: account.target.id, actorEmail: account.target.email });
  });

  it("leaves other accounts on other IPs alone", async () => {
    expect(await signIn(account.bystander.email, TEST_PASSWORD, "10.9.9.9")).toMatchObject({ ok: true });
  });

  it(`locks only at ${MAX_FAILED_ATTEMPTS}: one failure fewer still lets the right password in`, async () => {
    await pastFailures(MAX_FAILED_ATTEMPTS - 1, account.edge.email, "10.5.0.1", 60_000);
    expect(await signIn(account.edge.email, TEST_PASSWORD, "10.5.0.1")).toMatchObject({ ok: true });
    await pastFailures(1, account.edge.email, "10.5.0.2", 1_000);
    expect(await signIn(account.edge.email, TEST_PASSWORD, "10.5.0.1")).toEqual({ ok: false, reason: "locked" });
  });
});

describe("locking an IP after repeated failures", () => {
  const ip = "10.2.0.1";

  it(`refuses every account from an IP with ${MAX_FAILED_ATTEMPTS} failures across different emails`, async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      expect(await signIn(`spray${i}@throttle.test`, "password123", ip)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signIn(account.victim.email, TEST_PASSWORD, ip)).toEqual({ ok: false, reason: "locked" });
  });

  it("lets the same account in from a different IP", async () => {
    expect(await signIn(account.victim.email, TEST_PASSWORD, "10.2.0.2")).toMatchObject({ ok: true });
  });

  it("audits a refusal of an account without a workspace outside any workspace", async () => {
    const [row] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.signin_refused"), eq(auditLog.targetId, account.victim.id)));
    expect(row).toMatchObject({ workspaceId: null, ip, actorEmail: account.victim.email });
  });
});

describe("the sliding window", () => {
  it(`ignores failures older than ${ATTEMPT_WINDOW_MS / 60_000} minutes`, async () => {
    await pastFailures(MAX_FAILED_ATTEMPTS * 2, account.stale.email, "10.3.0.1", ATTEMPT_WINDOW_MS + 60_000);
    expect(await signIn(account.stale.email, TEST_PASSWORD, "10.3.0.1")).toMatchObject({ ok: true });
  });

  it("counts failures just inside the window", async () => {
    await pastFailures(MAX_FAILED_ATTEMPTS, account.stale.email, "10.3.0.9", ATTEMPT_WINDOW_MS - 60_000);
    expect(await signIn(account.stale.email, TEST_PASSWORD, "10.3.0.1")).toEqual({ ok: false, reason: "locked" });
  });
});

describe("attempts sent at the same time", () => {
  const CONCURRENT = 60;
  const tally = (results: Awaited<ReturnType<typeof signIn>>[]) =>
    results.reduce<Record<string, number>>(
      (t, r) => ({ ...t, [r.ok ? "ok" : r.reason]: (t[r.ok ? "ok" : r.reason] ?? 0) + 1 }),
      {},
    );

  it(`evaluates at most ${MAX_FAILED_ATTEMPTS} of ${CONCURRENT} concurrent wrong passwords for one account, then refuses the right one`, async () => {
    const results = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) => signIn(account.raced.email, `wrong ${i}`, `10.7.${i}.1`)),
    );
    expect(tally(results)).toEqual({ invalid: MAX_FAILED_ATTEMPTS, locked: CONCURRENT - MAX_FAILED_ATTEMPTS });
    const attempts = await handle.db.select().from(loginAttempts).where(eq(loginAttempts.email, account.raced.email));
    expect(attempts).toHaveLength(MAX_FAILED_ATTEMPTS);
    expect(await signIn(account.raced.email, TEST_PASSWORD, "10.7.200.1")).toEqual({ ok: false, reason: "locked" });
  });

  it(`evaluates at most ${MAX_FAILED_ATTEMPTS} of ${CONCURRENT} concurrent attempts from one address, the right password among them included`, async () => {
    const ip = "10.8.0.1";
    const results = await Promise.all([
      ...Array.from({ length: CONCURRENT - 1 }, (_, i) => signIn(`crowd${i}@throttle.test`, "password123", ip)),
      signIn(account.crowd.email, TEST_PASSWORD, ip),
    ]);
    const counted = tally(results);
    expect((counted.invalid ?? 0) + (counted.ok ?? 0)).toBeLessThanOrEqual(MAX_FAILED_ATTEMPTS);
    expect(counted.locked).toBeGreaterThanOrEqual(CONCURRENT - MAX_FAILED_ATTEMPTS);
    expect(await signIn(account.crowd.email, TEST_PASSWORD, ip)).toEqual({ ok: false, reason: "locked" });
  });

  it("marks a right password as a success, not a failure, even while others race it", async () => {
    const results = await Promise.all([
      signIn(account.bystander.email, TEST_PASSWORD, "10.6.0.1"),
      ...Array.from({ length: 5 }, (_, i) => signIn(account.bystander.email, `nope ${i}`, "10.6.0.1")),
    ]);
    expect(results[0]).toMatchObject({ ok: true });
    const attempts = await handle.db
      .select()
      .from(loginAttempts)
      .where(and(eq(loginAttempts.email, account.bystander.email), eq(loginAttempts.ip, "10.6.0.1")));
    expect(attempts.map((a) => a.succeeded).sort()).toEqual([false, false, false, false, false, true]);
  });
});
