import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { AppError } from "../errors";
import type { Permission } from "../auth/permissions";
import { resolveScope } from "../auth/resolve-scope";
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

/** The most procedures one HTTP request may batch (the console's client link batches at most this many). */
export const MAX_BATCH_SIZE = 20;

/** Why a batched call is refused (more than MAX_BATCH_SIZE procedures), or null when it may run. */
export function batchTooLargeReason(url: URL, endpoint: string): string | null {
  if (url.searchParams.get("batch") !== "1") return null;
  const count = url.pathname.slice(endpoint.length + 1).split(",").length;
  return count > MAX_BATCH_SIZE
    ? `A batch may call at most ${MAX_BATCH_SIZE} procedures; this one calls ${count}`
    : null;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors become tRPC errors with the same code and message. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    throw new TRPCError({
      code: result.error.cause.code,
      message: result.error.cause.message,
      cause: result.error.cause,
    });
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
      const { workspace, ...scope } = await resolveScope(ctx, permission);
      return next({ ctx: { ...ctx, user: ctx.user!, scope, workspace } });
    });
}
