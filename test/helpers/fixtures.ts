import type { Db } from "@/db/client";
import { ROLES, type Role } from "@/server/auth/permissions";
import { createUser } from "@/server/accounts/create-user";
import { createWorkspace } from "@/server/workspaces/create-workspace";
import { addMember } from "@/server/team/add-member";
import { SYSTEM_ACTOR } from "@/server/scope";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";

export const TEST_PASSWORD = "correct horse battery";

export interface SeededWorkspace {
  id: string;
  name: string;
  members: Record<Role, { id: string; email: string }>;
}

/** A workspace with one member in each role (emails: <role>@<slug>.test). */
export async function seedWorkspace(db: Db, name: string): Promise<SeededWorkspace> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const owner = await createUser(db, { email: `owner@${slug}.test`, password: TEST_PASSWORD });
  const workspace = await createWorkspace(db, SYSTEM_ACTOR, { name, ownerId: owner.id });
  const members = { owner: { id: owner.id, email: owner.email } } as SeededWorkspace["members"];
  const scope = { db, workspaceId: workspace.id, role: "owner" as const, actor: SYSTEM_ACTOR };
  for (const role of ROLES.filter((r) => r !== "owner")) {
    const added = await addMember(scope, { email: `${role}@${slug}.test`, role, password: TEST_PASSWORD });
    members[role] = { id: added.userId, email: added.email };
  }
  return { id: workspace.id, name: workspace.name, members };
}

/** The root router called as a signed-in user, optionally asking for a workspace (the switcher's cookie). */
export function callerFor(
  db: Db,
  user: { id: string; email: string } | null,
  requestedWorkspaceId: string | null = null,
) {
  return createCallerFactory(appRouter)({ db, user, requestedWorkspaceId, ip: "127.0.0.1", resHeaders: new Headers() });
}
