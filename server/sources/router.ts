import { procedure, router } from "../trpc/init";
import { createSource } from "./create-source";
import { deleteSource } from "./delete-source";
import { getSource, listSources } from "./get-source";
import { revealWriteKey } from "./reveal-write-key";
import { rotateWriteKey } from "./rotate-write-key";
import { createSourceSchema, deleteSourceSchema, sourceIdSchema, updateSourceSchema } from "./schema";
import { updateSource } from "./update-source";

export const sourcesRouter = router({
  list: procedure("sources:read").query(({ ctx }) => listSources(ctx.scope)),
  get: procedure("sources:read")
    .input(sourceIdSchema)
    .query(({ ctx, input }) => getSource(ctx.scope, input.sourceId)),
  create: procedure("sources:manage")
    .input(createSourceSchema)
    .mutation(({ ctx, input }) => createSource(ctx.scope, input)),
  update: procedure("sources:manage")
    .input(updateSourceSchema)
    .mutation(({ ctx, input }) => updateSource(ctx.scope, input)),
  rotateWriteKey: procedure("sources:manage")
    .input(sourceIdSchema)
    .mutation(({ ctx, input }) => rotateWriteKey(ctx.scope, input.sourceId)),
  /** A mutation, not a query: every reveal writes an audit row. */
  revealWriteKey: procedure("sources:manage")
    .input(sourceIdSchema)
    .mutation(({ ctx, input }) => revealWriteKey(ctx.scope, input.sourceId)),
  delete: procedure("sources:manage")
    .input(deleteSourceSchema)
    .mutation(({ ctx, input }) => deleteSource(ctx.scope, input)),
});
