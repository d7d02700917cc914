import { router } from "./init";
import { auditRouter } from "../audit/router";
import { teamRouter } from "../team/router";
import { workspacesRouter } from "../workspaces/router";
import { sourcesRouter } from "../sources/router";

export const appRouter = router({
  workspaces: workspacesRouter,
  team: teamRouter,
  audit: auditRouter,
  sources: sourcesRouter,
});

export type AppRouter = typeof appRouter;
