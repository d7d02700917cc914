import { uuidv7 } from "@/db/ids";
import { fileImports } from "@/db/schema";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceScope } from "../scope";
import { loadSource } from "../sources/get-source";
import { thisRunner } from "./import-runner";
import type { StartImportInput } from "./schema";

/** Opens an import into a file source: its row (status running, totals at zero) and its audit row. */
export async function startImport(scope: WorkspaceScope, input: StartImportInput, totalBytes: number | null) {
  return scope.db.transaction(async (tx) => {
    const source = await loadSource(tx, scope.workspaceId, input.sourceId);
    if (source.type !== "file")
      throw new AppError(
        "BAD_REQUEST",
        `"${source.name}" is a ${source.type} source; files are imported into file sources`,
      );
    if (!source.enabled) throw new AppError("CONFLICT", `"${source.name}" is disabled; enable it to import files`);
    const [row] = await tx
      .insert(fileImports)
      .values({
        workspaceId: scope.workspaceId,
        id: uuidv7(),
        sourceId: source.id,
        fileName: input.fileName,
        format: input.format,
        mapping: input.mapping,
        status: "running",
        totalBytes,
        runner: thisRunner(),
        heartbeatAt: new Date(),
      })
      .returning();
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "import.start",
      targetType: "source",
      targetId: source.id,
      after: { importId: row.id, fileName: input.fileName, format: input.format, totalBytes, mapping: input.mapping },
    });
    return row;
  });
}
