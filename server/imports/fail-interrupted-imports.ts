import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { fileImports } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { SYSTEM_ACTOR } from "../scope";
import { isDeadLocalRunner, STALE_AFTER_MS } from "./import-runner";

export const INTERRUPTED_REASON =
  "interrupted: the server stopped during the import; import the file again — rows already stored are skipped";

/**
 * At server start: imports still "running" whose process is gone are marked failed with INTERRUPTED_REASON,
 * each with an audit row (import.fail) in the same transaction. Gone means: on the embedded database, every
 * one (one process per data folder, and this one has just started); on PostgreSQL, a runner of this host
 * whose pid is no longer alive, or any runner silent for longer than STALE_AFTER_MS — imports that other
 * live processes are running stay as they are. Returns how many were failed.
 */
export async function failInterruptedImports(db: Db, driver: "pglite" | "postgres", now = new Date()): Promise<number> {
  const running = await db
    .select({
      workspaceId: fileImports.workspaceId,
      id: fileImports.id,
      sourceId: fileImports.sourceId,
      runner: fileImports.runner,
      heartbeatAt: fileImports.heartbeatAt,
      startedAt: fileImports.startedAt,
    })
    .from(fileImports)
    .where(eq(fileImports.status, "running"));
  const gone = running.filter(
    (i) =>
      driver === "pglite" ||
      isDeadLocalRunner(i.runner) ||
      now.getTime() - (i.heartbeatAt ?? i.startedAt).getTime() > STALE_AFTER_MS,
  );
  for (const i of gone) {
    await db.transaction(async (tx) => {
      const [failed] = await tx
        .update(fileImports)
        .set({ status: "failed", error: INTERRUPTED_REASON, finishedAt: now })
        .where(
          and(eq(fileImports.workspaceId, i.workspaceId), eq(fileImports.id, i.id), eq(fileImports.status, "running")),
        )
        .returning({
          rowsImported: fileImports.rowsImported,
          rowsDuplicate: fileImports.rowsDuplicate,
          rowsFailed: fileImports.rowsFailed,
          processedBytes: fileImports.processedBytes,
        });
      if (failed)
        await recordAudit(tx, {
          workspaceId: i.workspaceId,
          actor: SYSTEM_ACTOR,
          action: "import.fail",
          targetType: "source",
          targetId: i.sourceId,
          after: { importId: i.id, reason: INTERRUPTED_REASON, ...failed },
        });
    });
  }
  return gone.length;
}
