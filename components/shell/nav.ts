import {
  BookOpen,
  Cable,
  Circle,
  FileSpreadsheet,
  Fingerprint,
  KeyRound,
  type LucideIcon,
  ListTree,
  ScrollText,
  UserRound,
  Users,
  Workflow,
} from "lucide-react";

/** The console's areas, in sidebar order. Each names the permission needed to see it. */
export const NAV_ITEMS = [
  { href: "/sources", label: "Sources", permission: "sources:read" },
  { href: "/events", label: "Events", permission: "events:read" },
  { href: "/profiles", label: "Profiles", permission: "profiles:read" },
  { href: "/enrichment", label: "Enrichment", permission: "profiles:enrich" },
  { href: "/identity", label: "Identity rules", permission: "profiles:read" },
  { href: "/catalog", label: "Catalog", permission: "events:read" },
  { href: "/team", label: "Team", permission: "team:read" },
  { href: "/access-tokens", label: "Access tokens", permission: "tokens:manage" },
  { href: "/jobs", label: "Jobs", permission: "jobs:read" },
  { href: "/audit", label: "Audit log", permission: "audit:read" },
] as const;

export type NavItem = (typeof NAV_ITEMS)[number];

/** Each area's icon. Kept apart from NAV_ITEMS: the server layout passes the items (plain data) to the client links. */
export const navIcon = (href: string): LucideIcon => NAV_ICONS[href as NavItem["href"]] ?? Circle;

const NAV_ICONS: Partial<Record<NavItem["href"], LucideIcon>> = {
  "/sources": Cable,
  "/events": ListTree,
  "/profiles": UserRound,
  "/enrichment": FileSpreadsheet,
  "/identity": Fingerprint,
  "/catalog": BookOpen,
  "/team": Users,
  "/access-tokens": KeyRound,
  "/jobs": Workflow,
  "/audit": ScrollText,
};
