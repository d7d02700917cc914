import { procedure, router } from "../trpc/init";
import { listCatalog } from "./list-catalog";
import { listCatalogSchema } from "./schema";

export const catalogRouter = router({
  list: procedure("events:read")
    .input(listCatalogSchema)
    .query(({ ctx, input }) => listCatalog(ctx.scope, input)),
});
