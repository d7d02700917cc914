import type { ReactNode } from "react";
import { can } from "@/server/auth/permissions";
import { consoleSession } from "@/server/trpc/console-session";
import { NAV_ITEMS } from "@/components/shell/nav";
import { Shell } from "@/components/shell/shell";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const { user, workspaces, active } = await consoleSession();
  const nav = NAV_ITEMS.filter((item) => can(active.role, item.permission));
  return (
    <Shell user={{ email: user.email }} workspaces={workspaces} active={active} nav={nav}>
      {children}
    </Shell>
  );
}
