import { z } from "zod";

export const listCatalogSchema = z.object({
  sourceId: z.uuid("must be a source id").optional(),
  /** Case-insensitive part of a property path or of an event name. */
  search: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((s) => s || undefined),
});

export type ListCatalogInput = z.infer<typeof listCatalogSchema>;
