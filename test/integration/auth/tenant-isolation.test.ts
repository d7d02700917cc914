import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, memberships, workspaces } from "@/db/schema";
import { ROLES, can } from "@/server/auth/permissions";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { expectTrpcError } from "../trpc-call";

/** A member of workspace A, even one asking for B by id (the switcher cookie), sees and touches only A. */
let handle: DatabaseHandle;
let a: SeededWorkspace;
let b: SeededWorkspace;
let bMembershipsBefore: unknown[];
let bAuditBefore: unknown[];

const bMemberships = () =>
  handle.db.select().from(memberships).where(eq(memberships.workspaceId, b.id)).orderBy(asc(memberships.userId));
const bAudit = () => handle.db.select().from(auditLog).where(eq(auditLog.workspaceId, b.id)).orderBy(asc(auditLog.id));

beforeAll(async () => {
  handle = await freshDatabase();
  a = await seedWorkspace(handle.db, "Alpha");
  b = await seedWorkspace(handle.db, "Bravo");
  bMembershipsBefore = await bMemberships();
  bAuditBefore = await bAudit();
});
afterAll(() => handle.close());

const bEmails = () => Object.values(b.members).map((m) => m.email);
const bIds = () => [b.id, ...Object.values(b.members).map((m) => m.id)];

describe.each(ROLES)("a(n) %s of A requesting B's workspace id", (role) => {
  const callerAsking = () => callerFor(handle.db, a.members[role], b.id);

  it("is kept in A: the active workspace is A and B is not among theirs", async () => {
    const mine = await callerAsking().workspaces.mine();
    expect(mine.active.id).toBe(a.id);
    expect(mine.all.map((w) => w.id)).toEqual([a.id]);
  });

  it("lists A's members only", async () => {
    const members = await callerAsking().team.list();
    expect(members.map((m) => m.email).sort()).toEqual(
      Object.values(a.members)
        .map((m) => m.email)
        .sort(),
    );
    const text = JSON.stringify(members);
    for (const secret of [...bEmails(), ...bIds()]) expect(text).not.toContain(secret);
  });

  if (can(role, "audit:read")) {
    it("reads A's audit entries only", async () => {
      const page = await callerAsking().audit.list({ pageSize: 200 });
      expect(page.total).toBeGreaterThan(0);
      expect(new Set(page.entries.map((e) => e.workspaceId))).toEqual(new Set([a.id]));
      const text = JSON.stringify(page.entries);
      for (const secret of [...bEmails(), ...bIds()]) expect(text).not.toContain(secret);
    });

    it("counts A's entries only when filtering (one member.add per seeded member of A)", async () => {
      const page = await callerAsking().audit.list({ action: "member.add" });
      expect(page.total).toBe(ROLES.length);
      expect(page.entries.every((e) => e.workspaceId === a.id)).toBe(true);
    });
  }

  it("cannot switch to B", async () => {
    await expectTrpcError(callerAsking().workspaces.switch({ workspaceId: b.id }), "NOT_FOUND");
  });
});

describe("an owner of A acting on B's members", () => {
  const owner = () => callerFor(handle.db, a.members.owner, b.id);

  it("cannot change the role of a B member (NOT_FOUND)", async () => {
    await expectTrpcError(owner().team.changeRole({ userId: b.members.viewer.id, role: "admin" }), "NOT_FOUND");
    await expectTrpcError(owner().team.changeRole({ userId: b.members.owner.id, role: "viewer" }), "NOT_FOUND");
  });

  it("cannot remove a B member (NOT_FOUND)", async () => {
    await expectTrpcError(owner().team.remove({ userId: b.members.analyst.id }), "NOT_FOUND");
    await expectTrpcError(owner().team.remove({ userId: b.members.owner.id }), "NOT_FOUND");
  });

  it("renames A, not B, when asking for B", async () => {
    const renamed = await owner().workspaces.rename({ name: "Alpha renamed" });
    expect(renamed.id).toBe(a.id);
    const [bRow] = await handle.db.select().from(workspaces).where(eq(workspaces.id, b.id));
    expect(bRow.name).toBe("Bravo");
  });

  it("adds a B member's account to A, not to B", async () => {
    await owner().team.add({ email: b.members.marketer.email, role: "viewer" });
    const rows = await handle.db.select().from(memberships).where(eq(memberships.userId, b.members.marketer.id));
    expect(rows.map((r) => [r.workspaceId, r.role]).sort()).toEqual(
      [
        [a.id, "viewer"],
        [b.id, "marketer"],
      ].sort(),
    );
  });

  it("leaves B's memberships and audit log exactly as they were", async () => {
    expect(await bMemberships()).toEqual(bMembershipsBefore);
    expect(await bAudit()).toEqual(bAuditBefore);
  });
});
