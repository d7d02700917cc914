import { and, eq } from "drizzle-orm";
import { memberships } from "@/db/schema";
import { AppError } from "../errors";
import { createUser } from "../accounts/create-user";
import { findUserByEmail } from "../accounts/find-user";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceScope } from "../scope";
import { assertMayTouchOwnerRole } from "./member-guards";
import type { AddMemberInput } from "./schema";

/** Adds a member by email, creating the account when it does not exist yet (then a first password is required). */
export async function addMember(scope: WorkspaceScope, input: AddMemberInput) {
  assertMayTouchOwnerRole(scope, input.role);
  return scope.db.transaction(async (tx) => {
    let user: { id: string; email: string } | null = await findUserByEmail(tx, input.email);
    if (!user) {
      if (!input.password)
        throw new AppError(
          "BAD_REQUEST",
          `${input.email} has no account yet: give a first password (at least 8 characters)`,
        );
      const created = await createUser(tx, { email: input.email, password: input.password, name: input.name });
      await recordAudit(tx, {
        workspaceId: scope.workspaceId,
        actor: scope.actor,
        action: "user.create",
        targetType: "user",
        targetId: created.id,
        after: { email: created.email },
      });
      user = created;
    }
    const [existing] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, scope.workspaceId), eq(memberships.userId, user.id)));
    if (existing) throw new AppError("CONFLICT", `${user.email} is already a member of this workspace`);
    await tx.insert(memberships).values({ workspaceId: scope.workspaceId, userId: user.id, role: input.role });
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "member.add",
      targetType: "user",
      targetId: user.id,
      after: { email: user.email, role: input.role },
    });
    return { userId: user.id, email: user.email, role: input.role };
  });
}
