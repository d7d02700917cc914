import { and, asc, eq, gt } from "drizzle-orm";
import { enrichmentFileRows } from "@/db/schema";
import { csvCell } from "../imports/import-errors-csv";
import { privacyFor } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";
import { loadEnrichmentFile } from "./list-enrichment-files";

const PAGE = 1_000;

export type EnrichmentRowKind = "unmatched" | "invalid";

/** The download's file name: the file's own name with -unmatched or -invalid. */
export const rowsFileName = (name: string, kind: EnrichmentRowKind) =>
  `${name.replace(/\.[^.]*$/, "").replace(/[^\w.-]+/g, "_") || "enrichment"}-${kind}.csv`;

/**
 * A file's unmatched (or invalid) rows as CSV, read a page at a time: the file's own columns, so the rows can
 * be fixed and uploaded again — invalid rows first say their line and reason; a row that could not be read
 * into cells is given whole in the first column. Cells are defused against spreadsheet formulas; roles
 * without pii:read get them masked by the PII policy.
 */
export async function enrichmentRowsCsv(scope: WorkspaceScope, fileId: string, kind: EnrichmentRowKind) {
  const file = await loadEnrichmentFile(scope, fileId);
  const privacy = privacyFor(scope.role);
  const prefix = kind === "invalid" ? ["line", "reason"] : [];
  async function* lines(): AsyncGenerator<string> {
    yield [...prefix, ...file.columns].map(csvCell).join(",") + "\r\n";
    let after = 0;
    for (;;) {
      const page = await scope.db
        .select()
        .from(enrichmentFileRows)
        .where(
          and(
            eq(enrichmentFileRows.workspaceId, scope.workspaceId),
            eq(enrichmentFileRows.fileId, fileId),
            eq(enrichmentFileRows.kind, kind),
            gt(enrichmentFileRows.rowNumber, after),
          ),
        )
        .orderBy(asc(enrichmentFileRows.rowNumber))
        .limit(PAGE);
      if (page.length === 0) return;
      yield page
        .map((r) => {
          const cells = r.cells ?? [privacy.line(r.line ?? "")];
          const lead = kind === "invalid" ? [r.rowNumber, privacy.text(r.reason ?? "")] : [];
          return [...lead, ...cells.map((c) => privacy.text(c))].map(csvCell).join(",") + "\r\n";
        })
        .join("");
      after = page[page.length - 1].rowNumber;
    }
  }
  return { fileName: rowsFileName(file.name, kind), lines: lines() };
}
