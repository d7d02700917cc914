import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { useDatabase } from "@/server/database";
import { handlers } from "@/server/auth/nextauth";
import { setPassword } from "@/server/accounts/set-password";
import { SYSTEM_ACTOR } from "@/server/scope";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { freshDatabase } from "../../helpers/test-db";
import { TEST_PASSWORD, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { expectTrpcError } from "../trpc-call";
import { cookiesOf, signInOverHttp } from "./sign-in-http";

const ORIGIN = "http://localhost:3000";
let handle: DatabaseHandle;
let ws: SeededWorkspace;
beforeAll(async () => {
  handle = await freshDatabase();
  useDatabase(handle);
  ws = await seedWorkspace(handle.db, "Sessions");
});
afterAll(() => handle.close());

/** Signs in over HTTP and answers the session cookie as a Cookie header value. */
async function sessionCookie(email: string, password: string, ip = "10.0.0.1") {
  const response = await signInOverHttp(ORIGIN, email, password, ip);
  const cookie = cookiesOf(response).find((c) => c.startsWith("authjs.session-token="));
  expect(cookie, `signed in as ${email}`).toBeDefined();
  return cookie!.split(";")[0];
}

/** Who next-auth says the cookie belongs to (GET /api/auth/session), or null. */
async function whoIs(cookie: string): Promise<string | null> {
  const response = await handlers.GET(new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie } }) as never);
  const body = (await response.json()) as { user?: { email?: string } } | null;
  return body?.user?.email ?? null;
}

/** The tRPC caller of a console request carrying `cookie`, and the response headers it wrote. */
function consoleCaller(user: { id: string; email: string }, cookie: string, ip = "10.0.0.1") {
  const resHeaders = new Headers();
  const caller = createCallerFactory(appRouter)({
    db: handle.db,
    user,
    requestedWorkspaceId: null,
    ip,
    requestHeaders: new Headers({ cookie }),
    resHeaders,
  });
  return { caller, resHeaders };
}

describe("a password set by an admin (CLI user:set-password)", () => {
  it("ends the sessions issued before it; a new sign-in with the new password works", async () => {
    const { email } = ws.members.marketer;
    const first = await sessionCookie(email, TEST_PASSWORD);
    const second = await sessionCookie(email, TEST_PASSWORD, "10.0.0.2");
    expect(await whoIs(first)).toBe(email);

    await setPassword(handle.db, SYSTEM_ACTOR, { email, password: "a brand new password" });
    expect(await whoIs(first)).toBeNull();
    expect(await whoIs(second)).toBeNull();

    const fresh = await sessionCookie(email, "a brand new password");
    expect(await whoIs(fresh)).toBe(email);
  });

  it("clears the refused cookie", async () => {
    const { email } = ws.members.analyst;
    const old = await sessionCookie(email, TEST_PASSWORD);
    await setPassword(handle.db, SYSTEM_ACTOR, { email, password: "another new password" });
    const response = await handlers.GET(
      new Request(`${ORIGIN}/api/auth/session`, { headers: { cookie: old } }) as never,
    );
    expect(cookiesOf(response).find((c) => c.startsWith("authjs.session-token="))).toMatch(
      /authjs\.session-token=;|Max-Age=0|Expires=Thu, 01 Jan 1970/,
    );
  });
});

describe("a member changing their own password in the console", () => {
  it("keeps the current session signed in (re-issued), ends the others, and audits the change", async () => {
    const member = ws.members.admin;
    const current = await sessionCookie(member.email, TEST_PASSWORD);
    const elsewhere = await sessionCookie(member.email, TEST_PASSWORD, "10.0.0.3");
    const { caller, resHeaders } = consoleCaller(member, current);

    expect(
      await caller.account.changePassword({
        currentPassword: TEST_PASSWORD,
        newPassword: "my own new password",
        confirmPassword: "my own new password",
      }),
    ).toEqual({ changed: true });

    const reissued = resHeaders.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
    expect(reissued).toMatch(/HttpOnly/);
    expect(reissued).toMatch(/SameSite=Lax/);
    expect(await whoIs(reissued!.split(";")[0])).toBe(member.email);
    expect(await whoIs(current)).toBeNull();
    expect(await whoIs(elsewhere)).toBeNull();

    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.password_change"), eq(auditLog.targetId, member.id)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      workspaceId: ws.id,
      actorId: member.id,
      actorEmail: member.email,
      ip: "10.0.0.1",
    });
    expect(JSON.stringify(audit[0].summary)).not.toContain("my own new password");
    expect(await sessionCookie(member.email, "my own new password")).toMatch(/^authjs\.session-token=/);
  });

  it("refuses a wrong current password, two different new ones and a short one, changing nothing", async () => {
    const member = ws.members.viewer;
    const cookie = await sessionCookie(member.email, TEST_PASSWORD);
    const [before] = await handle.db.select().from(users).where(eq(users.id, member.id));
    const { caller } = consoleCaller(member, cookie);
    await expectTrpcError(
      caller.account.changePassword({
        currentPassword: "not it at all",
        newPassword: "valid new password",
        confirmPassword: "valid new password",
      }),
      "BAD_REQUEST",
      /currentPassword: this is not your current password/,
    );
    await expectTrpcError(
      caller.account.changePassword({
        currentPassword: TEST_PASSWORD,
        newPassword: "valid new password",
        confirmPassword: "valid new passwort",
      }),
      "BAD_REQUEST",
      /the two new passwords differ/,
    );
    await expectTrpcError(
      caller.account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: "short", confirmPassword: "short" }),
      "BAD_REQUEST",
      /must be at least 8 characters/,
    );
    await expectTrpcError(
      caller.account.changePassword({
        currentPassword: TEST_PASSWORD,
        newPassword: TEST_PASSWORD,
        confirmPassword: TEST_PASSWORD,
      }),
      "BAD_REQUEST",
      /must differ from the current password/,
    );
    const [after] = await handle.db.select().from(users).where(eq(users.id, member.id));
    expect(after).toEqual(before);
    expect(await whoIs(cookie)).toBe(member.email);
  });

  it("counts wrong current passwords against the sign-in limit", async () => {
    const member = ws.members.owner;
    const cookie = await sessionCookie(member.email, TEST_PASSWORD, "10.4.0.1");
    const { caller } = consoleCaller(member, cookie, "10.4.0.1");
    for (let i = 0; i < 10; i++) {
      await expectTrpcError(
        caller.account.changePassword({
          currentPassword: `guess ${i}`,
          newPassword: "valid new password",
          confirmPassword: "valid new password",
        }),
        "BAD_REQUEST",
      );
    }
    await expectTrpcError(
      caller.account.changePassword({
        currentPassword: TEST_PASSWORD,
        newPassword: "valid new password",
        confirmPassword: "valid new password",
      }),
      "TOO_MANY_REQUESTS",
      /More than 10 failed attempts/,
    );
  });
});
