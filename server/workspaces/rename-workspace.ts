import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceScope } from "../scope";

export async function renameWorkspace(scope: WorkspaceScope, input: { name: string }) {
  return scope.db.transaction(async (tx) => {
    const [before] = await tx.select().from(workspaces).where(eq(workspaces.id, scope.workspaceId));
    const [after] = await tx
      .update(workspaces)
      .set({ name: input.name })
      .where(eq(workspaces.id, scope.workspaceId))
      .returning();
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "workspace.rename",
      targetType: "workspace",
      targetId: scope.workspaceId,
      before: { name: before.name },
      after: { name: after.name },
    });
    return after;
  });
}
