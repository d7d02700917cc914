import { and, eq } from "drizzle-orm";
import { fileImports } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceScope } from "../scope";
import { ImportStorageError, type ImportCounts } from "./import-tally";

/**
 * Closes an import with its final totals. A failed one gets its reason and an audit row (import.fail, with
 * the reason and the totals) in the same transaction.
 */
export async function finishImport(
  scope: WorkspaceScope,
  sourceId: string,
  importId: string,
  counts: ImportCounts,
  status: "completed" | "failed",
  error: string | null,
) {
  try {
    await scope.db.transaction(async (tx) => {
      await tx
        .update(fileImports)
        .set({ ...counts, status, error, finishedAt: new Date() })
        .where(and(eq(fileImports.workspaceId, scope.workspaceId), eq(fileImports.id, importId)));
      if (status === "failed") {
        await recordAudit(tx, {
          workspaceId: scope.workspaceId,
          actor: scope.actor,
          action: "import.fail",
          targetType: "source",
          targetId: sourceId,
          after: { importId, reason: error, ...counts },
        });
      }
    });
  } catch (cause) {
    throw cause instanceof ImportStorageError ? cause : new ImportStorageError({ cause });
  }
}
