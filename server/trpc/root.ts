import { router } from "./init";
import { auditRouter } from "../audit/router";
import { accountRouter } from "../accounts/router";
import { teamRouter } from "../team/router";
import { workspacesRouter } from "../workspaces/router";
import { sourcesRouter } from "../sources/router";
import { eventsRouter } from "../events/router";
import { catalogRouter } from "../catalog/router";
import { webhooksRouter } from "../webhooks/router";
import { importsRouter } from "../imports/router";
import { jobsRouter } from "../jobs/router";
import { profilesRouter } from "../profiles/router";
import { enrichmentRouter } from "../enrichment/router";
import { identityRouter } from "../identity/router";
import { accessTokensRouter } from "../access-tokens/router";

export const appRouter = router({
  workspaces: workspacesRouter,
  team: teamRouter,
  audit: auditRouter,
  account: accountRouter,
  sources: sourcesRouter,
  events: eventsRouter,
  catalog: catalogRouter,
  webhooks: webhooksRouter,
  imports: importsRouter,
  jobs: jobsRouter,
  profiles: profilesRouter,
  enrichment: enrichmentRouter,
  identity: identityRouter,
  accessTokens: accessTokensRouter,
});

export type AppRouter = typeof appRouter;
