import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, can, isPermission, type Permission } from "@/server/auth/permissions";

const permissions = Object.keys(PERMISSIONS) as Permission[];

describe("the permission table", () => {
  it("knows exactly the five roles", () => {
    expect([...ROLES]).toEqual(["owner", "admin", "marketer", "analyst", "viewer"]);
  });

  it("grants only known roles", () => {
    for (const p of permissions) for (const role of PERMISSIONS[p]) expect(ROLES, p).toContain(role);
  });

  it.each(ROLES)("gives %s the self permission", (role) => {
    expect(can(role, "self")).toBe(true);
  });

  it("gives the owner every permission", () => {
    expect(permissions.filter((p) => !can("owner", p))).toEqual([]);
  });

  it("gives the viewer no :manage permission, no audit and no PII", () => {
    const manage = permissions.filter((p) => p.endsWith(":manage"));
    expect(manage.length).toBeGreaterThan(0);
    expect(manage.filter((p) => can("viewer", p))).toEqual([]);
    expect(can("viewer", "audit:read")).toBe(false);
    expect(can("viewer", "pii:read")).toBe(false);
  });

  it("reserves team and workspace management to owners and admins", () => {
    for (const p of ["team:manage", "workspace:manage"] as const) {
      expect(ROLES.filter((r) => can(r, p))).toEqual(["owner", "admin"]);
    }
  });

  it("lets every role read the team", () => {
    expect(ROLES.filter((r) => can(r, "team:read"))).toEqual([...ROLES]);
  });
});

describe("isPermission", () => {
  it("accepts the table's keys only", () => {
    for (const p of permissions) expect(isPermission(p)).toBe(true);
    for (const value of ["team:delete", "", "toString", "__proto__", "constructor", 1, null, undefined]) {
      expect(isPermission(value), String(value)).toBe(false);
    }
  });
});
