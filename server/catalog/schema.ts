import { z } from "zod";
import { EVENT_TYPES } from "@/db/schema/events";

export const listCatalogSchema = z.object({
  sourceId: z.uuid("must be a source id").optional(),
  /** Only events of this call type (track, page …). */
  type: z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(", ")}` }).optional(),
  /** Case-insensitive part of a property path or of an event name. */
  search: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((s) => s || undefined),
});

export type ListCatalogInput = z.infer<typeof listCatalogSchema>;
