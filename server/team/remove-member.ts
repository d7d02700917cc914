import { and, eq } from "drizzle-orm";
import { memberships } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceScope } from "../scope";
import { assertMayTouchOwnerRole, assertNotLastOwner, lockMember } from "./member-guards";

export async function removeMember(scope: WorkspaceScope, input: { userId: string }) {
  return scope.db.transaction(async (tx) => {
    const member = await lockMember(tx, scope.workspaceId, input.userId);
    assertMayTouchOwnerRole(scope, member.role);
    if (member.role === "owner") await assertNotLastOwner(tx, scope.workspaceId);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, scope.workspaceId), eq(memberships.userId, input.userId)));
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "member.remove",
      targetType: "user",
      targetId: input.userId,
      before: { role: member.role },
    });
    return { userId: input.userId };
  });
}
