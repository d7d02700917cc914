import { TRPCError } from "@trpc/server";
import { procedure, router } from "../trpc/init";
import { WORKSPACE_COOKIE } from "../trpc/context";
import { listMyWorkspaces } from "./list-my-workspaces";
import { renameWorkspace } from "./rename-workspace";
import { renameWorkspaceSchema, switchWorkspaceSchema } from "./schema";

export const workspacesRouter = router({
  /** The signed-in user's workspaces and which one is active. */
  mine: procedure("self").query(async ({ ctx }) => ({
    active: ctx.workspace,
    all: await listMyWorkspaces(ctx.db, ctx.user.id),
  })),
  switch: procedure("self")
    .input(switchWorkspaceSchema)
    .mutation(async ({ ctx, input }) => {
      const target = (await listMyWorkspaces(ctx.db, ctx.user.id)).find((w) => w.id === input.workspaceId);
      if (!target) throw new TRPCError({ code: "NOT_FOUND", message: "No such workspace among yours" });
      ctx.resHeaders?.append(
        "Set-Cookie",
        `${WORKSPACE_COOKIE}=${target.id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000`,
      );
      return target;
    }),
  rename: procedure("workspace:manage")
    .input(renameWorkspaceSchema)
    .mutation(({ ctx, input }) => renameWorkspace(ctx.scope, input)),
});
