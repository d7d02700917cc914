import { and, asc, count, desc, eq } from "drizzle-orm";
import { fileImportErrors, fileImports } from "@/db/schema";
import { AppError } from "../errors";
import { privacyFor } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";
import type { ImportErrorsInput, ListImportsInput } from "./schema";

type ImportRow = typeof fileImports.$inferSelect;

const present = (row: ImportRow) => ({
  id: row.id,
  sourceId: row.sourceId,
  fileName: row.fileName,
  format: row.format,
  mapping: row.mapping,
  status: row.status,
  totalBytes: row.totalBytes,
  processedBytes: row.processedBytes,
  rowsImported: row.rowsImported,
  rowsDuplicate: row.rowsDuplicate,
  rowsFailed: row.rowsFailed,
  error: row.error,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
});

/** A source's imports, newest first, with the total for the pager. */
export async function listImports(scope: WorkspaceScope, input: ListImportsInput) {
  const where = and(eq(fileImports.workspaceId, scope.workspaceId), eq(fileImports.sourceId, input.sourceId));
  const [rows, [{ total }]] = await Promise.all([
    scope.db
      .select()
      .from(fileImports)
      .where(where)
      .orderBy(desc(fileImports.startedAt), desc(fileImports.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    scope.db.select({ total: count() }).from(fileImports).where(where),
  ]);
  return { imports: rows.map(present), total, page: input.page, pageSize: input.pageSize };
}

/** One import and its progress (the progress bar polls this). */
export async function getImport(scope: WorkspaceScope, importId: string) {
  const [row] = await scope.db
    .select()
    .from(fileImports)
    .where(and(eq(fileImports.workspaceId, scope.workspaceId), eq(fileImports.id, importId)));
  if (!row) throw new AppError("NOT_FOUND", "No such import in this workspace");
  return present(row);
}

/** Row errors hold the file's raw rows: roles without pii:read see them (and the reasons) masked by the PII policy. */
export const rowPrivacy = (scope: WorkspaceScope) => privacyFor(scope.role);

/** One page of an import's row errors, in file order. */
export async function listImportErrors(scope: WorkspaceScope, input: ImportErrorsInput) {
  const imported = await getImport(scope, input.importId);
  const where = and(eq(fileImportErrors.workspaceId, scope.workspaceId), eq(fileImportErrors.importId, input.importId));
  const [rows, [{ total }]] = await Promise.all([
    scope.db
      .select()
      .from(fileImportErrors)
      .where(where)
      .orderBy(asc(fileImportErrors.rowNumber))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    scope.db.select({ total: count() }).from(fileImportErrors).where(where),
  ]);
  const privacy = rowPrivacy(scope);
  return {
    errors: rows.map((e) => ({ rowNumber: e.rowNumber, error: privacy.text(e.error), line: privacy.line(e.line) })),
    total,
    rowsFailed: imported.rowsFailed,
    page: input.page,
    pageSize: input.pageSize,
  };
}
