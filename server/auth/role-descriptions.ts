import { PERMISSIONS, ROLES, can, type Permission, type Role } from "./permissions";

/**
 * What each role may do, in words, derived from the PERMISSIONS table so the two cannot disagree.
 * Client-safe (no server-only imports): pages pass `ROLE_DESCRIPTIONS` to the console's role pickers.
 */

/** What holding a permission lets a member do. `self` (their own profile and workspaces) is everyone's. */
export const PERMISSION_DESCRIPTIONS: Record<Exclude<Permission, "self">, string> = {
  "workspace:read": "see the workspace",
  "workspace:manage": "rename the workspace",
  "team:read": "see the members and their roles",
  "team:manage": "add and remove members and change their roles",
  "audit:read": "read the audit log",
  "pii:read": "see personal data (emails, names, phone numbers) unmasked",
  "sources:read": "see sources and their live events",
  "sources:manage": "create, change and delete sources, and reveal or rotate their write keys",
  "events:read": "explore events and the event catalog",
  "profiles:read": "explore customer profiles: identities, traits and timelines",
  "profiles:enrich": "upload enrichment files that add traits to profiles",
  "identity:manage": "change identifier types, merge protection and how traits survive",
  "tokens:manage": "create and revoke access tokens for the Profile API",
  "jobs:read": "see background jobs and their errors",
  "jobs:manage": "run and retry background jobs",
};

/** The one right outside the table: only owners grant or take away the owner role (server/team/member-guards.ts). */
export const OWNER_ROLE_RIGHT = "grant and revoke the owner role";

const LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  marketer: "Marketer",
  analyst: "Analyst",
  viewer: "Viewer",
};

/** A few words for a role picker's options. */
const TAGLINES: Record<Role, string> = {
  owner: "full control",
  admin: "manages team and sources",
  marketer: "reads all data",
  analyst: "reads all data",
  viewer: "read-only, personal data masked",
};

const SUMMARIES: Record<Role, string> = {
  owner: "Full control of the workspace, including who else is an owner.",
  admin: "Runs the workspace day to day: members, sources and settings — but not the owner role.",
  marketer: "Reads all data, personal data included, to work with customers; changes nothing.",
  analyst: "Reads all data, personal data included, to analyse it; changes nothing.",
  viewer: "Read-only, with personal data masked.",
};

export interface RoleDescription {
  role: Role;
  label: string;
  tagline: string;
  summary: string;
  /** What the role lets a member do, and what it does not. */
  can: string[];
  cannot: string[];
}

function describeRole(role: Role): RoleDescription {
  const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter(
    (p): p is Exclude<Permission, "self"> => p !== "self",
  );
  const granted = permissions.filter((p) => can(role, p)).map((p) => PERMISSION_DESCRIPTIONS[p]);
  const withheld = permissions.filter((p) => !can(role, p)).map((p) => PERMISSION_DESCRIPTIONS[p]);
  if (role === "owner") granted.push(OWNER_ROLE_RIGHT);
  else if (can(role, "team:manage")) withheld.unshift(OWNER_ROLE_RIGHT);
  return {
    role,
    label: LABELS[role],
    tagline: TAGLINES[role],
    summary: SUMMARIES[role],
    can: granted,
    cannot: withheld,
  };
}

export const ROLE_DESCRIPTIONS: Record<Role, RoleDescription> = Object.fromEntries(
  ROLES.map((r) => [r, describeRole(r)]),
) as Record<Role, RoleDescription>;

/** What a member would lose going from one role to another (empty when the new role is at least as strong). */
export function rightsLost(from: Role, to: Role): string[] {
  const kept = new Set(ROLE_DESCRIPTIONS[to].can);
  return ROLE_DESCRIPTIONS[from].can.filter((right) => !kept.has(right));
}
