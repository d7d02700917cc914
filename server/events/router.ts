import { procedure, router } from "../trpc/init";
import { debuggerFeed } from "./debugger-feed";
import { listEvents } from "./list-events";
import { debuggerFeedSchema, listEventsSchema } from "./schema";

export const eventsRouter = router({
  /** A source's live debugger: accepted and refused events since a cursor. */
  debuggerFeed: procedure("events:read")
    .input(debuggerFeedSchema)
    .query(({ ctx, input }) => debuggerFeed(ctx.scope, input)),
  list: procedure("events:read")
    .input(listEventsSchema)
    .query(({ ctx, input }) => listEvents(ctx.scope, input)),
});
