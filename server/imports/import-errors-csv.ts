import { and, asc, eq, gt } from "drizzle-orm";
import { fileImportErrors } from "@/db/schema";
import { AppError } from "../errors";
import type { WorkspaceScope } from "../scope";
import { getImport, rowPrivacy } from "./list-imports";

const PAGE = 1_000;

/**
 * A CSV cell: quoted when needed, and a leading = + - @ (or tab, CR) defused with an apostrophe so a
 * spreadsheet never runs a row of an uploaded file as a formula.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The file name offered for an import's error report. */
export function errorsFileName(fileName: string): string {
  return `${fileName.replace(/\.[^.]*$/, "").replace(/[^\w.-]+/g, "_") || "import"}-errors.csv`;
}

/**
 * An import's row errors as CSV text (row, error, line), read a page at a time so a long report is never
 * held whole. Roles without pii:read get the rows and reasons masked by the PII policy.
 */
export async function importErrorsCsv(scope: WorkspaceScope, importId: string, sourceId?: string) {
  const imported = await getImport(scope, importId);
  if (sourceId !== undefined && imported.sourceId !== sourceId)
    throw new AppError("NOT_FOUND", "No such import for this source");
  const privacy = rowPrivacy(scope);
  async function* lines(): AsyncGenerator<string> {
    yield "row,error,line\r\n";
    let after = 0;
    for (;;) {
      const page = await scope.db
        .select()
        .from(fileImportErrors)
        .where(
          and(
            eq(fileImportErrors.workspaceId, scope.workspaceId),
            eq(fileImportErrors.importId, importId),
            gt(fileImportErrors.rowNumber, after),
          ),
        )
        .orderBy(asc(fileImportErrors.rowNumber))
        .limit(PAGE);
      if (page.length === 0) return;
      yield page
        .map((e) => [e.rowNumber, privacy.text(e.error), privacy.line(e.line)].map(csvCell).join(",") + "\r\n")
        .join("");
      after = page[page.length - 1].rowNumber;
    }
  }
  return { fileName: errorsFileName(imported.fileName), lines: lines() };
}
