import { procedure, router } from "../trpc/init";
import { getImport, listImportErrors, listImports } from "./list-imports";
import { getImportSchema, importErrorsSchema, listImportsSchema } from "./schema";

/** Reading imports; a file is uploaded through POST /api/imports/{sourceId} (a stream, not a tRPC call). */
export const importsRouter = router({
  list: procedure("sources:read")
    .input(listImportsSchema)
    .query(({ ctx, input }) => listImports(ctx.scope, input)),
  get: procedure("sources:read")
    .input(getImportSchema)
    .query(({ ctx, input }) => getImport(ctx.scope, input.importId)),
  errors: procedure("sources:read")
    .input(importErrorsSchema)
    .query(({ ctx, input }) => listImportErrors(ctx.scope, input)),
});
