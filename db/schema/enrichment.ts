import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const ENRICHMENT_STATUSES = ["running", "completed", "failed"] as const;

/**
 * One enrichment file: second- or third-party data (a CRM export, a vendor file) keyed by one identifier
 * type, whose other columns became traits of the matching profiles. The file's id is the source_id of the
 * trait values it gave (trait_history, profile_traits), so survivorship can rank it (sourcePriority).
 */
export const enrichmentFiles = pgTable(
  "enrichment_files",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    name: text("name").notNull(),
    keyType: text("key_type").notNull(),
    keyColumn: text("key_column").notNull(),
    /** The file's column names, in order (the unmatched-rows download repeats them). */
    columns: jsonb("columns").$type<string[]>().notNull().default([]),
    /** How it was applied: trait columns and names, as-of column, create profiles (server/enrichment/schema.ts). */
    mapping: jsonb("mapping").notNull(),
    /** The "as of" time of its values when no date column was chosen: the upload time. */
    asOf: timestamp("as_of", { withTimezone: true, mode: "string" }).notNull(),
    uploadedBy: uuid("uploaded_by"),
    uploadedByEmail: text("uploaded_by_email"),
    status: text("status", { enum: ENRICHMENT_STATUSES }).notNull(),
    error: text("error"),
    rowsTotal: integer("rows_total").notNull().default(0),
    rowsMatched: integer("rows_matched").notNull().default(0),
    /** Rows that created a profile (create profiles for unmatched rows). */
    rowsCreated: integer("rows_created").notNull().default(0),
    rowsUnmatched: integer("rows_unmatched").notNull().default(0),
    rowsInvalid: integer("rows_invalid").notNull().default(0),
    traitsWritten: integer("traits_written").notNull().default(0),
    startedAt: timestamp("started_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true, mode: "string" }),
    /** Refreshed by every chunk: a running file whose process died shows as interrupted. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("enrichment_files_started_idx").on(t.workspaceId, t.startedAt),
  ],
);

export const ENRICHMENT_ROW_KINDS = ["unmatched", "invalid"] as const;

/** Rows of a file that gave no traits: matching no profile (downloadable as CSV), or invalid (with the reason). */
export const enrichmentFileRows = pgTable(
  "enrichment_file_rows",
  {
    workspaceId: uuid("workspace_id").notNull(),
    fileId: uuid("file_id").notNull(),
    rowNumber: integer("row_number").notNull(),
    kind: text("kind", { enum: ENRICHMENT_ROW_KINDS }).notNull(),
    reason: text("reason"),
    /** The row's cells in the file's column order (null when the row could not be read into cells). */
    cells: jsonb("cells").$type<string[] | null>(),
    /** The row as it is in the file, when it could not be read into cells. */
    line: text("line"),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.fileId, t.rowNumber] }),
    index("enrichment_file_rows_kind_idx").on(t.workspaceId, t.fileId, t.kind, t.rowNumber),
  ],
);
