import { z } from "zod";

const column = z.string().trim().min(1, "must name a column").max(200);
export const IMPORT_FORMATS = ["csv", "ndjson"] as const;
export const CSV_DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * How the rows of a file become events. identify: a user id and/or email per row, chosen columns become
 * traits. track: an event name (fixed, or from a column), a user id and/or email, chosen columns become
 * properties. `columns` absent means every column not used otherwise. With only an email, the event's
 * anonymousId is a hash of the email (an event needs a userId or an anonymousId; an email is never one).
 */
export const importMappingSchema = z
  .object({
    mode: z.enum(["identify", "track"], { error: "must be identify or track" }),
    eventName: z.string().trim().min(1).max(200).optional(),
    eventColumn: column.optional(),
    userIdColumn: column.optional(),
    emailColumn: column.optional(),
    timestampColumn: column.optional(),
    /** Names the messageId of each row; otherwise it is a hash of the source and the row's content. */
    messageIdColumn: column.optional(),
    columns: z.array(column).max(1_000).optional(),
    /** CSV only: turn "42", "4.2", "true" into numbers and booleans. */
    coerce: z.boolean().default(true),
    delimiter: z.enum(CSV_DELIMITERS, { error: "must be one of , ; tab |" }).default(","),
  })
  .superRefine((m, ctx) => {
    if (!m.userIdColumn && !m.emailColumn)
      ctx.addIssue({
        code: "custom",
        path: ["userIdColumn"],
        message: "name a user id column or an email column (or both)",
      });
    if (m.mode === "track" && !m.eventName === !m.eventColumn)
      ctx.addIssue({
        code: "custom",
        path: ["eventName"],
        message: "a track import needs an event name or an event column (one of them)",
      });
    if (m.mode === "identify" && (m.eventName || m.eventColumn))
      ctx.addIssue({ code: "custom", path: ["eventName"], message: "an identify import has no event name" });
  });

export const startImportSchema = z.object({
  sourceId: z.uuid("must be a source id"),
  fileName: z.string().trim().min(1, "must not be empty").max(255),
  format: z.enum(IMPORT_FORMATS, { error: "must be csv or ndjson" }),
  mapping: importMappingSchema,
});

export const listImportsSchema = z.object({
  sourceId: z.uuid("must be a source id"),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export const getImportSchema = z.object({ importId: z.uuid("must be an import id") });
export const importErrorsSchema = getImportSchema.extend({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
});

export type ImportMapping = z.infer<typeof importMappingSchema>;
export type StartImportInput = z.infer<typeof startImportSchema>;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type ListImportsInput = z.infer<typeof listImportsSchema>;
export type ImportErrorsInput = z.infer<typeof importErrorsSchema>;
