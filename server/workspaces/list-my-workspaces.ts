import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";
import type { Role } from "../auth/permissions";

export interface MyWorkspace {
  id: string;
  name: string;
  role: Role;
}

/** The workspaces a user belongs to, oldest membership first. */
export function listMyWorkspaces(db: Db, userId: string): Promise<MyWorkspace[]> {
  return db
    .select({ id: workspaces.id, name: workspaces.name, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(workspaces.id));
}

/**
 * The workspace a request acts in: the requested one (the switcher's cookie) when the user is a member of it,
 * otherwise their first. A workspace the user does not belong to is never chosen.
 */
export async function resolveActiveWorkspace(
  db: Db,
  userId: string,
  requested: string | null,
): Promise<MyWorkspace | null> {
  const mine = await listMyWorkspaces(db, userId);
  return mine.find((w) => w.id === requested) ?? mine[0] ?? null;
}
