import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships } from "@/db/schema";
import { AppError } from "../errors";
import type { Role } from "../auth/permissions";
import type { WorkspaceScope } from "../scope";

/** The member's row, locked for the rest of the transaction; NOT_FOUND when they are not in this workspace. */
export async function lockMember(tx: Db, workspaceId: string, userId: string) {
  const [member] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .for("update");
  if (!member) throw new AppError("NOT_FOUND", "This user is not a member of the workspace");
  return member;
}

/** Refuses to leave the workspace without an owner. Locks the owner rows so two demotions cannot race. */
export async function assertNotLastOwner(tx: Db, workspaceId: string) {
  const owners = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))
    .orderBy(sql`${memberships.userId}`)
    .for("update");
  if (owners.length <= 1)
    throw new AppError(
      "CONFLICT",
      "The last owner can be neither removed nor demoted: make another member owner first",
    );
}

/** Only owners grant or take away the owner role. */
export function assertMayTouchOwnerRole(scope: WorkspaceScope, ...roles: Role[]) {
  if (roles.includes("owner") && scope.role !== "owner")
    throw new AppError("FORBIDDEN", "Only an owner can grant or revoke the owner role");
}
