import type { Role } from "@/server/auth/permissions";
import type { RoleDescription } from "@/server/auth/role-descriptions";

/** Every role's label, summary and rights, as the server describes them (server/auth/role-descriptions.ts). */
export type RoleGuide = Record<Role, RoleDescription>;

/** Roles the current user may hand out: only owners grant the owner role. */
export const grantableRoles = (guide: RoleGuide, myRole: Role): Role[] =>
  (Object.keys(guide) as Role[]).filter((r) => r !== "owner" || myRole === "owner");
