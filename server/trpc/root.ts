import { router } from "./init";
import { auditRouter } from "../audit/router";
import { teamRouter } from "../team/router";
import { workspacesRouter } from "../workspaces/router";
import { sourcesRouter } from "../sources/router";
import { eventsRouter } from "../events/router";
import { catalogRouter } from "../catalog/router";
import { webhooksRouter } from "../webhooks/router";
import { importsRouter } from "../imports/router";

export const appRouter = router({
  workspaces: workspacesRouter,
  team: teamRouter,
  audit: auditRouter,
  sources: sourcesRouter,
  events: eventsRouter,
  catalog: catalogRouter,
  webhooks: webhooksRouter,
  imports: importsRouter,
});

export type AppRouter = typeof appRouter;
