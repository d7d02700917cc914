import Link from "next/link";
import type { ReactNode } from "react";
import type { MyWorkspace } from "@/server/workspaces/list-my-workspaces";
import type { NavItem } from "./nav";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";
import { WorkspaceSwitcher } from "./workspace-switcher";

interface ShellProps {
  user: { email: string };
  workspaces: MyWorkspace[];
  active: MyWorkspace;
  nav: readonly NavItem[];
  children: ReactNode;
}

export function Shell({ user, workspaces, active, nav, children }: ShellProps) {
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-60 shrink-0 flex-col border-r border-gray-200 bg-white">
        <Link href="/" className="px-5 py-4 text-lg font-semibold tracking-tight">
          CDP
        </Link>
        <div className="px-3 pb-3">
          <WorkspaceSwitcher workspaces={workspaces} activeId={active.id} />
        </div>
        <NavLinks items={nav.map(({ href, label }) => ({ href, label }))} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-between border-b border-gray-200 bg-white px-6">
          <span data-testid="workspace-name" className="font-medium">
            {active.name}
          </span>
          <UserMenu email={user.email} role={active.role} />
        </header>
        <main className="flex-1 p-6">{children}</main>
      </div>
    </div>
  );
}
