import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { memberships, workspaces } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../scope";

/** Creates a workspace; with ownerId, that user becomes its owner. */
export async function createWorkspace(db: Db, actor: Actor, input: { name: string; ownerId?: string }) {
  return db.transaction(async (tx) => {
    const [workspace] = await tx.insert(workspaces).values({ id: uuidv7(), name: input.name }).returning();
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actor,
      action: "workspace.create",
      targetType: "workspace",
      targetId: workspace.id,
      after: { name: workspace.name },
    });
    if (input.ownerId) {
      await tx.insert(memberships).values({ workspaceId: workspace.id, userId: input.ownerId, role: "owner" });
      await recordAudit(tx, {
        workspaceId: workspace.id,
        actor,
        action: "member.add",
        targetType: "user",
        targetId: input.ownerId,
        after: { role: "owner" },
      });
    }
    return workspace;
  });
}
