import { z } from "zod";
import { CSV_DELIMITERS } from "../imports/schema";

const column = z.string().trim().min(1, "must name a column").max(200);

/** One column that becomes a trait, under its own name or a new one. */
export const traitColumnSchema = z.object({
  column,
  /** The trait's name; the column's name when absent. */
  name: z.string().trim().min(1, "must not be empty").max(200).optional(),
});

/**
 * How a file's rows become traits: the key (one identifier type and the column holding it), the trait
 * columns (absent: every column but the key and the as-of column), the "as of" time of the values (a date
 * column, else the upload time), and whether rows matching no profile create one.
 */
export const enrichmentMappingSchema = z
  .object({
    keyType: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "must be an identifier type such as email or user_id"),
    keyColumn: column,
    traits: z.array(traitColumnSchema).min(1, "choose at least one trait column").max(500).optional(),
    asOfColumn: column.optional(),
    createProfiles: z.boolean().default(false),
    delimiter: z.enum(CSV_DELIMITERS, { error: "must be one of , ; tab |" }).default(","),
  })
  .superRefine((m, ctx) => {
    const names = new Set<string>();
    for (const [i, t] of (m.traits ?? []).entries()) {
      if (t.column === m.keyColumn)
        ctx.addIssue({ code: "custom", path: ["traits", i], message: `"${t.column}" is the key column` });
      const name = t.name ?? t.column;
      if (names.has(name))
        ctx.addIssue({ code: "custom", path: ["traits", i], message: `two columns become the trait "${name}"` });
      names.add(name);
    }
  });
export type EnrichmentMapping = z.infer<typeof enrichmentMappingSchema>;

export const startEnrichmentSchema = z.object({
  fileName: z.string().trim().min(1, "must not be empty").max(255),
  mapping: enrichmentMappingSchema,
});
export type StartEnrichmentInput = z.infer<typeof startEnrichmentSchema>;

export const listEnrichmentSchema = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type ListEnrichmentInput = z.infer<typeof listEnrichmentSchema>;

export const enrichmentFileIdSchema = z.object({ fileId: z.uuid("must be an enrichment file id") });

/** The first rows of a file, as the browser read them, to preview how they would be applied. */
export const previewEnrichmentSchema = z.object({
  columns: z.array(z.string().max(200)).min(1).max(1_000),
  rows: z.array(z.array(z.string().max(10_000)).max(1_000)).max(50),
  mapping: enrichmentMappingSchema,
});
export type PreviewEnrichmentInput = z.infer<typeof previewEnrichmentSchema>;
