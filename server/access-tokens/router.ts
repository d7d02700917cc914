import { procedure, router } from "../trpc/init";
import { createAccessToken } from "./create-access-token";
import { listAccessTokens } from "./list-access-tokens";
import { revokeAccessToken } from "./revoke-access-token";
import { accessTokenIdSchema, createAccessTokenSchema } from "./schema";

export const accessTokensRouter = router({
  list: procedure("tokens:manage").query(({ ctx }) => listAccessTokens(ctx.scope)),
  /** Answers the token itself this once; it is never shown again. */
  create: procedure("tokens:manage")
    .input(createAccessTokenSchema)
    .mutation(({ ctx, input }) => createAccessToken(ctx.scope, input)),
  revoke: procedure("tokens:manage")
    .input(accessTokenIdSchema)
    .mutation(({ ctx, input }) => revokeAccessToken(ctx.scope, input.tokenId)),
});
