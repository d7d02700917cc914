import { and, asc, count, desc, eq } from "drizzle-orm";
import { enrichmentFileRows, enrichmentFiles } from "@/db/schema";
import { AppError } from "../errors";
import { privacyFor } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";
import type { ListEnrichmentInput } from "./schema";

/** A running file silent for this long has lost its process (the server stopped mid-file). */
export const STALE_AFTER_MS = 2 * 60_000;

type FileRow = typeof enrichmentFiles.$inferSelect;

const present = (row: FileRow) => {
  const interrupted = row.status === "running" && Date.now() - Date.parse(row.heartbeatAt) > STALE_AFTER_MS;
  return {
    id: row.id,
    name: row.name,
    keyType: row.keyType,
    keyColumn: row.keyColumn,
    mapping: row.mapping as { createProfiles?: boolean; asOfColumn?: string },
    status: interrupted ? ("failed" as const) : row.status,
    error: interrupted ? "The server stopped while applying this file; the rows counted were applied" : row.error,
    uploadedBy: row.uploadedByEmail,
    asOf: new Date(row.asOf),
    rowsTotal: row.rowsTotal,
    rowsMatched: row.rowsMatched,
    rowsCreated: row.rowsCreated,
    rowsUnmatched: row.rowsUnmatched,
    rowsInvalid: row.rowsInvalid,
    traitsWritten: row.traitsWritten,
    startedAt: new Date(row.startedAt),
    finishedAt: row.finishedAt ? new Date(row.finishedAt) : null,
  };
};

/** The workspace's enrichment files, newest first, with the total for the pager. */
export async function listEnrichmentFiles(scope: WorkspaceScope, input: ListEnrichmentInput) {
  const where = eq(enrichmentFiles.workspaceId, scope.workspaceId);
  const [found, [{ total }]] = await Promise.all([
    scope.db
      .select()
      .from(enrichmentFiles)
      .where(where)
      .orderBy(desc(enrichmentFiles.startedAt), desc(enrichmentFiles.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    scope.db.select({ total: count() }).from(enrichmentFiles).where(where),
  ]);
  return { files: found.map(present), total, page: input.page, pageSize: input.pageSize };
}

/** Invalid rows shown with a file (the rest are in the download). */
const INVALID_SHOWN = 50;

/**
 * One enrichment file with its totals and the first invalid rows with their reasons (masked by the PII
 * policy for roles without pii:read: a reason may quote the key).
 */
export async function getEnrichmentFile(scope: WorkspaceScope, fileId: string) {
  const [row] = await scope.db
    .select()
    .from(enrichmentFiles)
    .where(and(eq(enrichmentFiles.workspaceId, scope.workspaceId), eq(enrichmentFiles.id, fileId)));
  if (!row) throw new AppError("NOT_FOUND", "No such enrichment file in this workspace");
  const invalid = await scope.db
    .select({ rowNumber: enrichmentFileRows.rowNumber, reason: enrichmentFileRows.reason })
    .from(enrichmentFileRows)
    .where(
      and(
        eq(enrichmentFileRows.workspaceId, scope.workspaceId),
        eq(enrichmentFileRows.fileId, fileId),
        eq(enrichmentFileRows.kind, "invalid"),
      ),
    )
    .orderBy(asc(enrichmentFileRows.rowNumber))
    .limit(INVALID_SHOWN);
  const privacy = privacyFor(scope.role);
  return {
    ...present(row),
    columns: row.columns,
    invalid: invalid.map((r) => ({ rowNumber: r.rowNumber, reason: privacy.text(r.reason ?? "") })),
  };
}

/** Stored file loaded for the downloads (workspace-scoped). */
export async function loadEnrichmentFile(scope: WorkspaceScope, fileId: string): Promise<FileRow> {
  const [row] = await scope.db
    .select()
    .from(enrichmentFiles)
    .where(and(eq(enrichmentFiles.workspaceId, scope.workspaceId), eq(enrichmentFiles.id, fileId)));
  if (!row) throw new AppError("NOT_FOUND", "No such enrichment file in this workspace");
  return row;
}
