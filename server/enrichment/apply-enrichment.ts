import type { Db } from "@/db/client";
import { SYSTEM_ACTOR, type Actor } from "../scope";
import { runEnrichment, type EnrichmentSummary, type SourceRow } from "./run-enrichment";
import { startEnrichmentSchema } from "./schema";

export interface ApplyEnrichmentOptions {
  /** Shown as the traits' source, e.g. "crm-export-2026-06.csv". */
  name: string;
  /** An identifier type of the workspace: user_id, email, phone or a custom type. */
  keyType: string;
  /** The field of each row holding the key; keyType when absent. */
  keyColumn?: string;
  /** The file's rows: field → value (text is typed like a CSV cell; numbers and booleans stay as they are). */
  rows: Record<string, unknown>[];
  /** The fields that become traits, optionally renamed; absent: every field but the key and the date field. */
  traits?: { column: string; name?: string }[];
  /** A field with each row's "as of" date; absent: the values are as of now. */
  asOfColumn?: string;
  /** Rows matching no profile create one with that identifier (default false: they are reported unmatched). */
  createProfiles?: boolean;
  /** Who applied it (the audit log's actor); the system by default. */
  actor?: Actor;
}

const cellText = (value: unknown) =>
  value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);

/**
 * Applies an enrichment file given as rows, as the upload does (same checks, chunks, survivorship, counts,
 * audit rows and unmatched-rows report): for the demo, the CLI and tests. Row numbers count from 1.
 * Throws an AppError for a mapping that does not fit (unknown key type or field); resolves with the totals.
 */
export async function applyEnrichment(
  db: Db,
  workspaceId: string,
  options: ApplyEnrichmentOptions,
): Promise<EnrichmentSummary> {
  const input = startEnrichmentSchema.parse({
    fileName: options.name,
    mapping: {
      keyType: options.keyType,
      keyColumn: options.keyColumn ?? options.keyType,
      traits: options.traits,
      asOfColumn: options.asOfColumn,
      createProfiles: options.createProfiles ?? false,
    },
  });
  const columns = [...new Set(options.rows.flatMap((r) => Object.keys(r)))];
  const rows: SourceRow[] = options.rows.map((record, i) => ({
    rowNumber: i + 1,
    record,
    cells: columns.map((c) => cellText(record[c])),
    line: null,
    error: null,
  }));
  async function* batches() {
    yield rows;
  }
  const scope = { db, workspaceId, role: "owner" as const, actor: options.actor ?? SYSTEM_ACTOR };
  return runEnrichment(scope, input, columns, batches());
}
