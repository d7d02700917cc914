import { ROLES, type Role } from "@/db/schema/accounts";

export { ROLES, type Role };

const everyone = ROLES;
const managers = ["owner", "admin"] as const;

/**
 * Every permission, and the roles that hold it. Each tRPC procedure names exactly one of these;
 * `self` needs a signed-in user only (their own workspaces and profile).
 */
export const PERMISSIONS = {
  self: everyone,
  "workspace:read": everyone,
  "workspace:manage": managers,
  "team:read": everyone,
  "team:manage": managers,
  "audit:read": managers,
  "pii:read": ["owner", "admin", "marketer", "analyst"],
  "sources:read": everyone,
  "sources:manage": managers,
  "events:read": everyone,
  "profiles:read": everyone,
  "profiles:enrich": managers,
  "identity:manage": managers,
  "tokens:manage": managers,
  "jobs:read": managers,
  "jobs:manage": managers,
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && Object.hasOwn(PERMISSIONS, value);
}
