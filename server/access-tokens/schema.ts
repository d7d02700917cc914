import { z } from "zod";
import { ACCESS_TOKEN_SCOPES, type AccessTokenScope } from "@/db/schema/access-tokens";
import { nameSchema } from "../accounts/schema";

export { ACCESS_TOKEN_SCOPES, type AccessTokenScope };

/** What each scope allows, as the console and the CLI describe it. */
export const SCOPE_DESCRIPTIONS: Record<AccessTokenScope, string> = {
  "profiles:read": "Read profiles through the Profile API: traits, events, external ids and metadata",
};

export const scopeSchema = z.enum(ACCESS_TOKEN_SCOPES, {
  error: (issue) => `unknown scope "${String(issue.input)}"; the scopes are ${ACCESS_TOKEN_SCOPES.join(", ")}`,
});

export const createAccessTokenSchema = z.object({
  name: nameSchema,
  scopes: z
    .array(scopeSchema)
    .min(1, "give the token at least one scope")
    .transform((scopes) => [...new Set(scopes)]),
});
export type CreateAccessTokenInput = z.infer<typeof createAccessTokenSchema>;

export const accessTokenIdSchema = z.object({ tokenId: z.uuid("must be an access token id") });
