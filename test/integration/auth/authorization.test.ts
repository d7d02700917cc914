import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { auditLog, memberships, users, workspaces } from "@/db/schema";
import { PERMISSIONS, ROLES, can, isPermission, type Permission } from "@/server/auth/permissions";
import { appRouter } from "@/server/trpc/root";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { outcome, procedureAt } from "../trpc-call";

/**
 * Walks every procedure of the root router against every role. The list comes from the router itself,
 * so a procedure added later is walked too, and one without a declared permission fails the first test.
 */
interface ProcedureInfo {
  path: string;
  type: string;
  permission: unknown;
}
const PROCEDURES: ProcedureInfo[] = Object.entries(appRouter._def.procedures as Record<string, unknown>).map(
  ([path, p]) => {
    const def = (p as { _def: { type: string; meta?: { permission?: unknown } } })._def;
    return { path, type: def.type, permission: def.meta?.permission };
  },
);
const MUTATIONS = PROCEDURES.filter((p) => p.type === "mutation");

let handle: DatabaseHandle;
let ws: SeededWorkspace;
beforeAll(async () => {
  handle = await freshDatabase();
  ws = await seedWorkspace(handle.db, "Acme");
});
afterAll(() => handle.close());

describe("every procedure declares a permission", () => {
  it("finds the procedures of every domain router (the walk is not empty)", () => {
    const paths = PROCEDURES.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "workspaces.mine",
        "workspaces.switch",
        "workspaces.rename",
        "team.list",
        "team.add",
        "team.changeRole",
        "team.remove",
        "audit.list",
      ]),
    );
  });

  it("names a permission of the PERMISSIONS table on each procedure", () => {
    const missing = PROCEDURES.filter((p) => !isPermission(p.permission)).map(
      (p) => `${p.path} (${String(p.permission)})`,
    );
    expect(missing, "procedures without a known permission").toEqual([]);
    for (const p of PROCEDURES) expect(Object.keys(PERMISSIONS)).toContain(p.permission);
  });

  it("has only queries and mutations", () => {
    for (const p of PROCEDURES) expect(["query", "mutation"], p.path).toContain(p.type);
  });
});

describe.each(PROCEDURES)("$path ($permission)", ({ path, permission }) => {
  it("refuses an unauthenticated caller with UNAUTHORIZED", async () => {
    const result = await outcome(procedureAt(callerFor(handle.db, null), path)({}));
    expect(result).toMatchObject({ ok: false, code: "UNAUTHORIZED" });
  });

  it.each(ROLES)("as %s: FORBIDDEN exactly when the role lacks the permission", async (role) => {
    const result = await outcome(procedureAt(callerFor(handle.db, ws.members[role]), path)({}));
    if (can(role, permission as Permission)) {
      // Allowed: the empty input may be refused as input, never for want of rights.
      if (!result.ok)
        expect(["BAD_REQUEST", "NOT_FOUND", "CONFLICT"], `${path} as ${role}: ${result.message}`).toContain(
          result.code,
        );
    } else {
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
      if (!result.ok) expect(result.message).toMatch(new RegExp(`\\(${role}\\) does not allow`));
    }
  });
});

describe("a self procedure needs only a signed-in member", () => {
  it.each(ROLES)("lets %s read their own workspaces", async (role) => {
    const mine = (await callerFor(handle.db, ws.members[role]).workspaces.mine()) as {
      active: { id: string; role: string };
    };
    expect(mine.active).toMatchObject({ id: ws.id, role });
  });
});

async function snapshot(db: Db) {
  return {
    audit: await db.select().from(auditLog).orderBy(asc(auditLog.id)),
    memberships: await db.select().from(memberships).orderBy(asc(memberships.userId)),
    users: await db.select().from(users).orderBy(asc(users.id)),
    workspaces: await db.select().from(workspaces).orderBy(asc(workspaces.id)),
  };
}

describe("a viewer can change nothing", () => {
  /**
   * Inputs an admin could use successfully (none touches the owner role, which the domain guards too),
   * so only the permission check stands in the way.
   */
  const validInputs = (): Record<string, unknown> => ({
    "workspaces.rename": { name: "Renamed by the viewer" },
    "workspaces.switch": { workspaceId: ws.id },
    "team.add": { email: "intruder@acme.test", role: "viewer", password: "intruder password" },
    "team.changeRole": { userId: ws.members.viewer.id, role: "admin" },
    "team.remove": { userId: ws.members.analyst.id },
  });

  it("gets FORBIDDEN from every mutation that is not about the viewer's own session, and nothing changes", async () => {
    const before = await snapshot(handle.db);
    expect(before.audit.length).toBeGreaterThan(0);
    const viewer = callerFor(handle.db, ws.members.viewer);
    const refused: string[] = [];
    for (const { path, permission } of MUTATIONS) {
      const result = await outcome(procedureAt(viewer, path)(validInputs()[path] ?? {}));
      if (permission === "self") continue; // switching one's own active workspace writes nothing
      expect(result, path).toMatchObject({ ok: false, code: "FORBIDDEN" });
      if (!result.ok) expect(result.message, path).toMatch(/\(viewer\) does not allow/);
      refused.push(path);
    }
    expect(refused).toEqual(
      expect.arrayContaining(["workspaces.rename", "team.add", "team.changeRole", "team.remove"]),
    );
    expect(await snapshot(handle.db)).toEqual(before);
  });

  it("holds no permission of any mutation other than self", () => {
    const held = MUTATIONS.filter((m) => m.permission !== "self" && can("viewer", m.permission as Permission));
    expect(held.map((m) => m.path)).toEqual([]);
  });
});
