import { and, eq } from "drizzle-orm";
import { memberships } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { Role } from "../auth/permissions";
import type { WorkspaceScope } from "../scope";
import { assertMayTouchOwnerRole, assertNotLastOwner, lockMember } from "./member-guards";

export async function changeMemberRole(scope: WorkspaceScope, input: { userId: string; role: Role }) {
  return scope.db.transaction(async (tx) => {
    const member = await lockMember(tx, scope.workspaceId, input.userId);
    if (member.role === input.role) return { userId: input.userId, role: input.role };
    assertMayTouchOwnerRole(scope, member.role, input.role);
    if (member.role === "owner") await assertNotLastOwner(tx, scope.workspaceId);
    await tx
      .update(memberships)
      .set({ role: input.role })
      .where(and(eq(memberships.workspaceId, scope.workspaceId), eq(memberships.userId, input.userId)));
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "member.role_change",
      targetType: "user",
      targetId: input.userId,
      before: { role: member.role },
      after: { role: input.role },
    });
    return { userId: input.userId, role: input.role };
  });
}
