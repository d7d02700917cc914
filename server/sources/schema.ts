import { z } from "zod";
import { SOURCE_TYPES } from "@/db/schema/sources";
import { nameSchema } from "../accounts/schema";

export const sourceIdSchema = z.object({ sourceId: z.uuid("must be a source id") });
export const createSourceSchema = z.object({
  name: nameSchema,
  type: z.enum(SOURCE_TYPES, { error: `must be one of ${SOURCE_TYPES.join(", ")}` }),
});
export const updateSourceSchema = sourceIdSchema.extend({
  name: nameSchema.optional(),
  enabled: z.boolean().optional(),
  /** null removes the limit */
  rateLimitPerSecond: z.number().int().min(1).max(1_000_000).nullable().optional(),
});
export const deleteSourceSchema = sourceIdSchema.extend({
  /** The source's name typed again, so a deletion is never a slip of the mouse. */
  confirmName: z.string(),
});

export type CreateSourceInput = z.infer<typeof createSourceSchema>;
export type UpdateSourceInput = z.infer<typeof updateSourceSchema>;
