import { z } from "zod";
import { identityRulesSchema } from "./identity-rules";

/**
 * A workspace's new identity rules, whole. `baseVersion` is the version the editor started from (from
 * identity.rules; null when nothing was saved yet): if someone saved in between, the change is refused
 * instead of silently undoing theirs. Leave it out to overwrite whatever is there.
 */
export const updateIdentityRulesSchema = identityRulesSchema.extend({
  baseVersion: z.string().max(40).nullable().optional(),
});
export type UpdateIdentityRulesInput = z.infer<typeof updateIdentityRulesSchema>;

/** Would `value`, read as an identifier of `type`, be blocked? Against the saved list, or the editor's `blocked`. */
export const testIdentifierValueSchema = z.object({
  value: z.string().min(1, "type a value to test").max(1000, "at most 1,000 characters"),
  type: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "an identifier type such as email or crm_id"),
  blocked: z.array(z.string().max(200)).max(200).optional(),
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, "a two-letter country code such as US or DE")
    .optional(),
});
export type TestIdentifierValueInput = z.infer<typeof testIdentifierValueSchema>;
