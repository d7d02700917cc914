import type { Role } from "@/server/auth/permissions";

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  marketer: "Marketer",
  analyst: "Analyst",
  viewer: "Viewer",
};

/** Roles the current user may hand out: only owners grant the owner role. */
export const grantableRoles = (myRole: Role): Role[] =>
  (Object.keys(ROLE_LABELS) as Role[]).filter((r) => r !== "owner" || myRole === "owner");
