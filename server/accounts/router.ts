import { procedure, router } from "../trpc/init";
import { reissuedSessionCookie } from "../auth/session-cookie";
import { changeOwnPassword } from "./change-password";
import { changePasswordSchema } from "./schema";

export const accountRouter = router({
  /** The signed-in member's own account. */
  me: procedure("self").query(({ ctx }) => ({ id: ctx.user.id, email: ctx.user.email })),
  /** Changes the caller's own password: every other session ends, this one is re-issued and stays signed in. */
  changePassword: procedure("self")
    .input(changePasswordSchema)
    .mutation(async ({ ctx, input }) => {
      const { user, sessionVersion } = await changeOwnPassword(ctx.db, ctx.scope.actor, ctx.user.id, input);
      const cookie = ctx.requestHeaders
        ? await reissuedSessionCookie(ctx.requestHeaders, { ...user, sessionVersion })
        : null;
      if (cookie) ctx.resHeaders?.append("Set-Cookie", cookie);
      return { changed: true };
    }),
});
