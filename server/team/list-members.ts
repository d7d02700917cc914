import { asc, eq } from "drizzle-orm";
import { memberships, users } from "@/db/schema";
import type { WorkspaceScope } from "../scope";

export function listMembers(scope: WorkspaceScope) {
  return scope.db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, scope.workspaceId))
    .orderBy(asc(users.email));
}
