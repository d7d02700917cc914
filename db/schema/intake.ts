import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const WEBHOOK_DELIVERY_STATUSES = ["mapped", "mapping_failed", "signature_failed", "rejected"] as const;

/** Every payload a webhook source received, kept raw so it can be replayed once its mapping is fixed. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    sourceId: uuid("source_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** Standard Webhooks `webhook-id`, when sent. */
    externalId: text("external_id"),
    payload: jsonb("payload").notNull(),
    /** Request headers as kept (lower-cased name → value, no credentials or signatures); null before they were kept. */
    headers: jsonb("headers").$type<Record<string, string>>(),
    status: text("status", { enum: WEBHOOK_DELIVERY_STATUSES }).notNull(),
    error: text("error"),
    eventCount: integer("event_count").notNull().default(0),
    attempts: integer("attempts").notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("webhook_deliveries_source_idx").on(t.workspaceId, t.sourceId, t.receivedAt),
  ],
);

export const IMPORT_STATUSES = ["running", "completed", "failed"] as const;

/** One file import into a `file` source: its column mapping and running totals (the progress bar reads them). */
export const fileImports = pgTable(
  "file_imports",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    sourceId: uuid("source_id").notNull(),
    fileName: text("file_name").notNull(),
    format: text("format", { enum: ["csv", "ndjson"] }).notNull(),
    mapping: jsonb("mapping").notNull(),
    status: text("status", { enum: IMPORT_STATUSES }).notNull(),
    totalBytes: bigint("total_bytes", { mode: "number" }),
    processedBytes: bigint("processed_bytes", { mode: "number" }).notNull().default(0),
    rowsImported: integer("rows_imported").notNull().default(0),
    rowsDuplicate: integer("rows_duplicate").notNull().default(0),
    rowsFailed: integer("rows_failed").notNull().default(0),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** The process running the import (host:pid) and when it last showed life: a dead one's import is failed at start. */
    runner: text("runner"),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("file_imports_source_idx").on(t.workspaceId, t.sourceId, t.startedAt),
  ],
);

/** Rows of an import that could not become events, with the reason (downloadable as CSV). */
export const fileImportErrors = pgTable(
  "file_import_errors",
  {
    workspaceId: uuid("workspace_id").notNull(),
    importId: uuid("import_id").notNull(),
    rowNumber: integer("row_number").notNull(),
    error: text("error").notNull(),
    line: text("line").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.importId, t.rowNumber] })],
);
