import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, memberships, users } from "@/db/schema";
import { createUser } from "@/server/accounts/create-user";
import type { Role } from "@/server/auth/permissions";
import { SYSTEM_ACTOR } from "@/server/scope";
import { addMember } from "@/server/team/add-member";
import { createWorkspace } from "@/server/workspaces/create-workspace";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, TEST_PASSWORD, type SeededWorkspace } from "../../helpers/fixtures";
import { expectTrpcError } from "../trpc-call";

let handle: DatabaseHandle;
let ws: SeededWorkspace;
let outsider: { id: string; email: string };

beforeAll(async () => {
  handle = await freshDatabase();
  ws = await seedWorkspace(handle.db, "Team Co");
  outsider = await createUser(handle.db, { email: "outsider@elsewhere.test", password: TEST_PASSWORD });
});
afterAll(() => handle.close());

const asRole = (role: Role, workspace = ws) => callerFor(handle.db, workspace.members[role], workspace.id);
const roleOf = async (workspaceId: string, userId: string) =>
  (
    await handle.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
  )[0]?.role ?? null;

/** Runs a step and returns the audit rows it appended (in any workspace). */
async function auditedBy(step: () => Promise<unknown>) {
  const before = new Set((await handle.db.select({ id: auditLog.id }).from(auditLog)).map((r) => r.id));
  await step();
  return (await handle.db.select().from(auditLog)).filter((r) => !before.has(r.id));
}

/** A workspace whose members are existing accounts of `ws` (no password hashing needed). */
async function workspaceWith(name: string, roles: Partial<Record<Role, Role>>): Promise<SeededWorkspace> {
  const created = await createWorkspace(handle.db, SYSTEM_ACTOR, { name, ownerId: ws.members.owner.id });
  const scope = { db: handle.db, workspaceId: created.id, role: "owner" as const, actor: SYSTEM_ACTOR };
  for (const [account, role] of Object.entries(roles) as [Role, Role][]) {
    await addMember(scope, { email: ws.members[account].email, role });
  }
  return { id: created.id, name, members: ws.members };
}

describe("adding a member", () => {
  it("asks for a first password when the email has no account yet, and writes nothing", async () => {
    const audit = await auditedBy(() =>
      expectTrpcError(
        asRole("owner").team.add({ email: "newbie@team.test", role: "viewer" }),
        "BAD_REQUEST",
        /newbie@team\.test.*password/,
      ),
    );
    expect(audit).toEqual([]);
    expect(await handle.db.select().from(users).where(eq(users.email, "newbie@team.test"))).toEqual([]);
  });

  it("creates the account when given a password: one user.create and one member.add row", async () => {
    const audit = await auditedBy(async () => {
      const added = await asRole("owner").team.add({
        email: "Newbie@Team.test",
        role: "analyst",
        password: "a first password",
      });
      expect(added).toMatchObject({ email: "newbie@team.test", role: "analyst" });
    });
    expect(audit.map((r) => r.action).sort()).toEqual(["member.add", "user.create"]);
    const [user] = await handle.db.select().from(users).where(eq(users.email, "newbie@team.test"));
    expect(await roleOf(ws.id, user.id)).toBe("analyst");
  });

  it("adds an existing account without creating another: exactly one member.add row", async () => {
    const audit = await auditedBy(() =>
      asRole("admin").team.add({ email: outsider.email, role: "marketer", password: "ignored password" }),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      workspaceId: ws.id,
      action: "member.add",
      targetId: outsider.id,
      actorId: ws.members.admin.id,
      actorEmail: ws.members.admin.email,
      summary: { after: { email: outsider.email, role: "marketer" } },
    });
    expect(await roleOf(ws.id, outsider.id)).toBe("marketer");
    expect(await handle.db.select().from(users).where(eq(users.email, outsider.email))).toHaveLength(1);
  });

  it("refuses a duplicate with CONFLICT and writes nothing", async () => {
    const audit = await auditedBy(() =>
      expectTrpcError(
        asRole("owner").team.add({ email: ws.members.viewer.email, role: "admin" }),
        "CONFLICT",
        /already a member/,
      ),
    );
    expect(audit).toEqual([]);
    expect(await roleOf(ws.id, ws.members.viewer.id)).toBe("viewer");
  });
});

describe("changing a role", () => {
  it("writes exactly one member.role_change row with before and after", async () => {
    const audit = await auditedBy(() =>
      asRole("owner").team.changeRole({ userId: ws.members.marketer.id, role: "analyst" }),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      workspaceId: ws.id,
      action: "member.role_change",
      targetType: "user",
      targetId: ws.members.marketer.id,
      actorId: ws.members.owner.id,
      summary: { before: { role: "marketer" }, after: { role: "analyst" } },
    });
    expect(await roleOf(ws.id, ws.members.marketer.id)).toBe("analyst");
  });

  it("refuses to demote the last owner (CONFLICT) and writes nothing", async () => {
    const audit = await auditedBy(() =>
      expectTrpcError(
        asRole("owner").team.changeRole({ userId: ws.members.owner.id, role: "admin" }),
        "CONFLICT",
        /last owner/,
      ),
    );
    expect(audit).toEqual([]);
    expect(await roleOf(ws.id, ws.members.owner.id)).toBe("owner");
  });

  it("lets one of two owners be demoted", async () => {
    const two = await workspaceWith("Two owners", { admin: "owner" });
    const owner = asRole("owner", two);
    const audit = await auditedBy(() => owner.team.changeRole({ userId: two.members.admin.id, role: "viewer" }));
    expect(audit.map((r) => r.action)).toEqual(["member.role_change"]);
    expect(await roleOf(two.id, two.members.admin.id)).toBe("viewer");
    // …and now the remaining one is the last
    await expectTrpcError(
      owner.team.changeRole({ userId: two.members.owner.id, role: "admin" }),
      "CONFLICT",
      /last owner/,
    );
  });
});

describe("demoting yourself", () => {
  it("takes effect on the very next call: the demoted owner can no longer manage the team", async () => {
    const two = await workspaceWith("Self demotion", { admin: "owner" });
    const me = asRole("admin", two);
    const audit = await auditedBy(() => me.team.changeRole({ userId: two.members.admin.id, role: "viewer" }));
    expect(audit).toMatchObject([
      {
        action: "member.role_change",
        actorId: two.members.admin.id,
        targetId: two.members.admin.id,
        summary: { before: { role: "owner" }, after: { role: "viewer" } },
      },
    ]);
    expect((await me.workspaces.mine()).active).toMatchObject({ id: two.id, role: "viewer" });
    await expectTrpcError(
      me.team.changeRole({ userId: two.members.admin.id, role: "owner" }),
      "FORBIDDEN",
      /\(viewer\) does not allow/,
    );
    expect(await roleOf(two.id, two.members.admin.id)).toBe("viewer");
  });
});

describe("an admin and the owner role", () => {
  it("cannot grant owner, by adding or by promoting (FORBIDDEN)", async () => {
    const audit = await auditedBy(async () => {
      await expectTrpcError(
        asRole("admin").team.add({ email: "boss@team.test", role: "owner", password: "a first password" }),
        "FORBIDDEN",
        /Only an owner/,
      );
      await expectTrpcError(
        asRole("admin").team.changeRole({ userId: ws.members.viewer.id, role: "owner" }),
        "FORBIDDEN",
        /Only an owner/,
      );
    });
    expect(audit).toEqual([]);
    expect(await roleOf(ws.id, ws.members.viewer.id)).toBe("viewer");
  });

  it("cannot revoke owner, by demoting or by removing (FORBIDDEN)", async () => {
    const two = await workspaceWith("Admin versus owners", { admin: "admin", viewer: "owner" });
    const admin = asRole("admin", two);
    const audit = await auditedBy(async () => {
      await expectTrpcError(
        admin.team.changeRole({ userId: two.members.viewer.id, role: "viewer" }),
        "FORBIDDEN",
        /Only an owner/,
      );
      await expectTrpcError(admin.team.remove({ userId: two.members.viewer.id }), "FORBIDDEN", /Only an owner/);
    });
    expect(audit).toEqual([]);
    expect(await roleOf(two.id, two.members.viewer.id)).toBe("owner");
  });
});

describe("removing a member", () => {
  it("deletes the membership (not the account) and writes exactly one member.remove row", async () => {
    const audit = await auditedBy(() => asRole("admin").team.remove({ userId: ws.members.analyst.id }));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      workspaceId: ws.id,
      action: "member.remove",
      targetId: ws.members.analyst.id,
      summary: { before: { role: "analyst" } },
    });
    expect(await roleOf(ws.id, ws.members.analyst.id)).toBeNull();
    expect(await handle.db.select().from(users).where(eq(users.id, ws.members.analyst.id))).toHaveLength(1);
  });

  it("refuses to remove the last owner (CONFLICT), even themselves", async () => {
    const audit = await auditedBy(() =>
      expectTrpcError(asRole("owner").team.remove({ userId: ws.members.owner.id }), "CONFLICT", /last owner/),
    );
    expect(audit).toEqual([]);
    expect(await roleOf(ws.id, ws.members.owner.id)).toBe("owner");
  });

  it("says NOT_FOUND for someone who is not a member", async () => {
    await expectTrpcError(asRole("owner").team.remove({ userId: ws.members.analyst.id }), "NOT_FOUND");
  });
});

describe("renaming the workspace", () => {
  it("writes exactly one workspace.rename row with the old and new names", async () => {
    const audit = await auditedBy(() => asRole("admin").workspaces.rename({ name: "Team Co Renamed" }));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      workspaceId: ws.id,
      action: "workspace.rename",
      targetId: ws.id,
      summary: { before: { name: "Team Co" }, after: { name: "Team Co Renamed" } },
    });
    const mine = await asRole("viewer").workspaces.mine();
    expect(mine.active.name).toBe("Team Co Renamed");
  });
});
