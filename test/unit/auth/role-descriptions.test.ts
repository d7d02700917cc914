import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, can, type Permission } from "@/server/auth/permissions";
import {
  OWNER_ROLE_RIGHT,
  PERMISSION_DESCRIPTIONS,
  ROLE_DESCRIPTIONS,
  rightsLost,
} from "@/server/auth/role-descriptions";

const described = (Object.keys(PERMISSIONS) as Permission[]).filter(
  (p) => p !== "self",
) as (keyof typeof PERMISSION_DESCRIPTIONS)[];

describe("role descriptions", () => {
  it("describe every permission of the table but self, each differently", () => {
    expect(Object.keys(PERMISSION_DESCRIPTIONS).sort()).toEqual([...described].sort());
    expect(new Set(Object.values(PERMISSION_DESCRIPTIONS)).size).toBe(described.length);
  });

  it.each(ROLES)("say for %s exactly what the permission table grants and withholds", (role) => {
    const d = ROLE_DESCRIPTIONS[role];
    expect(d.label).toMatch(/^[A-Z]/);
    expect(d.summary.length).toBeGreaterThan(10);
    for (const p of described) {
      expect(can(role, p) ? d.can : d.cannot, `${role} / ${p}`).toContain(PERMISSION_DESCRIPTIONS[p]);
      expect(can(role, p) ? d.cannot : d.can, `${role} / ${p}`).not.toContain(PERMISSION_DESCRIPTIONS[p]);
    }
  });

  it("give the owner role's own right to owners only, and name it as missing for admins", () => {
    expect(ROLE_DESCRIPTIONS.owner.can).toContain(OWNER_ROLE_RIGHT);
    expect(ROLE_DESCRIPTIONS.admin.cannot).toContain(OWNER_ROLE_RIGHT);
    for (const role of ROLES.filter((r) => r !== "owner"))
      expect(ROLE_DESCRIPTIONS[role].can).not.toContain(OWNER_ROLE_RIGHT);
  });

  it("list what a demotion takes away, and nothing for a promotion", () => {
    expect(rightsLost("owner", "viewer")).toEqual(
      expect.arrayContaining([
        PERMISSION_DESCRIPTIONS["team:manage"],
        PERMISSION_DESCRIPTIONS["audit:read"],
        OWNER_ROLE_RIGHT,
      ]),
    );
    expect(rightsLost("owner", "viewer")).not.toContain(PERMISSION_DESCRIPTIONS["events:read"]);
    expect(rightsLost("owner", "admin")).toEqual([OWNER_ROLE_RIGHT]);
    expect(rightsLost("viewer", "owner")).toEqual([]);
  });
});
