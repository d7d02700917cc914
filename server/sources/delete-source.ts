import { and, eq } from "drizzle-orm";
import { sources } from "@/db/schema";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceScope } from "../scope";
import { loadSource } from "./get-source";
import { forgetSourceKeys } from "./source-by-write-key";

/** Deletes a source (its key stops working). Events it already delivered stay: they belong to the workspace. */
export async function deleteSource(scope: WorkspaceScope, input: { sourceId: string; confirmName: string }) {
  await scope.db.transaction(async (tx) => {
    const source = await loadSource(tx, scope.workspaceId, input.sourceId, true);
    if (input.confirmName.trim() !== source.name)
      throw new AppError("BAD_REQUEST", `Type the source's name ("${source.name}") to confirm the deletion`);
    await tx.delete(sources).where(and(eq(sources.workspaceId, scope.workspaceId), eq(sources.id, input.sourceId)));
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "source.delete",
      targetType: "source",
      targetId: source.id,
      before: { name: source.name, type: source.type },
    });
  });
  forgetSourceKeys();
  return { sourceId: input.sourceId };
}
