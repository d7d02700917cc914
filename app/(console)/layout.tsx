import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { auth } from "@/server/auth/nextauth";
import { can } from "@/server/auth/permissions";
import { serverCaller } from "@/server/trpc/server-caller";
import { NAV_ITEMS } from "@/components/shell/nav";
import { Shell } from "@/components/shell/shell";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await auth();
  if (!session?.user?.id) redirect("/signin");
  const caller = await serverCaller();
  const mine = await caller.workspaces.mine().catch(() => null);
  if (!mine) redirect("/signin?error=no-workspace");
  const nav = NAV_ITEMS.filter((item) => can(mine.active.role, item.permission));
  return (
    <Shell user={{ email: session.user.email }} workspaces={mine.all} active={mine.active} nav={nav}>
      {children}
    </Shell>
  );
}
