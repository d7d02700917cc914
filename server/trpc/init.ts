import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { AppError } from "../errors";
import { can, type Permission } from "../auth/permissions";
import { resolveActiveWorkspace } from "../workspaces/list-my-workspaces";
import type { WorkspaceScope } from "../scope";
import type { TrpcContext } from "./context";

export interface ProcedureMeta {
  permission: Permission;
}

const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter: ({ shape, error }) => ({
      ...shape,
      message: error.cause instanceof ZodError ? zodMessage(error.cause) : shape.message,
      data: { ...shape.data, stack: undefined },
    }),
  });

function zodMessage(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors become tRPC errors with the same code and message. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    throw new TRPCError({ code: result.error.cause.code, message: result.error.cause.message, cause: result.error.cause });
  }
  return result;
});

/**
 * The only way to build a procedure: it names its permission. The check runs before input validation,
 * so a role without the permission gets FORBIDDEN whatever it sends.
 */
export function procedure(permission: Permission) {
  return t.procedure
    .meta({ permission })
    .use(mapAppErrors)
    .use(async ({ ctx, next }) => {
      if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
      const workspace = await resolveActiveWorkspace(ctx.db, ctx.user.id, ctx.requestedWorkspaceId);
      if (!workspace) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of any workspace" });
      if (!can(workspace.role, permission)) {
        throw new TRPCError({ code: "FORBIDDEN", message: `Your role (${workspace.role}) does not allow this (needs ${permission})` });
      }
      const scope: WorkspaceScope = {
        db: ctx.db,
        workspaceId: workspace.id,
        role: workspace.role,
        actor: { userId: ctx.user.id, email: ctx.user.email, ip: ctx.ip },
      };
      return next({ ctx: { ...ctx, user: ctx.user, scope, workspace } });
    });
}
