import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { auth } from "../auth/nextauth";
import { serverCaller } from "./server-caller";

/**
 * The signed-in user, their active workspace and a tRPC caller, once per render. Layout and page render
 * in parallel, so each calls this: without a session (or a workspace) both send the browser to sign in.
 */
export const consoleSession = cache(async () => {
  const session = await auth();
  if (!session?.user?.id) redirect("/signin");
  const caller = await serverCaller();
  const mine = await caller.workspaces.mine().catch(() => null);
  if (!mine) redirect("/signin?error=no-workspace");
  return { user: session.user, caller, workspaces: mine.all, active: mine.active };
});
