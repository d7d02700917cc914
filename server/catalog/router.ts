import { procedure, router } from "../trpc/init";
import { listCatalog } from "./list-catalog";
import { listEventNames } from "./list-event-names";
import { listCatalogSchema } from "./schema";

export const catalogRouter = router({
  list: procedure("events:read")
    .input(listCatalogSchema)
    .query(({ ctx, input }) => listCatalog(ctx.scope, input)),
  /** The event names seen, for the explorer's event filter. */
  eventNames: procedure("events:read").query(({ ctx }) => listEventNames(ctx.scope)),
});
