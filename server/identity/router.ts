import { procedure, router } from "../trpc/init";
import { getIdentityRules } from "./get-identity-rules";
import { testIdentifierValueSchema, updateIdentityRulesSchema } from "./schema";
import { testIdentifierValue } from "./test-identifier-value";
import { updateIdentityRules } from "./update-identity-rules";

export const identityRouter = router({
  rules: procedure("profiles:read").query(({ ctx }) => getIdentityRules(ctx.scope)),
  /** The Identity rules page's "test a value" box: would this value be blocked, and by which entry? */
  testValue: procedure("profiles:read")
    .input(testIdentifierValueSchema)
    .query(({ ctx, input }) => testIdentifierValue(ctx.scope, input)),
  updateRules: procedure("identity:manage")
    .input(updateIdentityRulesSchema)
    .mutation(({ ctx, input }) => updateIdentityRules(ctx.scope, input)),
});
