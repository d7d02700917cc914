/** The console's areas, in sidebar order. Each names the permission needed to see it. */
export const NAV_ITEMS = [
  { href: "/sources", label: "Sources", permission: "sources:read" },
  { href: "/events", label: "Events", permission: "events:read" },
  { href: "/catalog", label: "Catalog", permission: "events:read" },
  { href: "/team", label: "Team", permission: "team:read" },
  { href: "/audit", label: "Audit log", permission: "audit:read" },
] as const;

export type NavItem = (typeof NAV_ITEMS)[number];
