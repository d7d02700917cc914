import { router } from "./init";
import { auditRouter } from "../audit/router";
import { teamRouter } from "../team/router";
import { workspacesRouter } from "../workspaces/router";

export const appRouter = router({
  workspaces: workspacesRouter,
  team: teamRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
