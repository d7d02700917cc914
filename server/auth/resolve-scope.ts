import type { Db } from "@/db/client";
import { AppError } from "../errors";
import type { WorkspaceScope } from "../scope";
import { resolveActiveWorkspace, type MyWorkspace } from "../workspaces/list-my-workspaces";
import { can, type Permission } from "./permissions";

export interface SessionUser {
  id: string;
  email: string;
}

export interface CallerRequest {
  db: Db;
  user: SessionUser | null;
  /** The workspace the switcher asked for (cookie); honoured only when the user is a member. */
  requestedWorkspaceId: string | null;
  ip: string | null;
}

/**
 * Who is calling, in which workspace, with which permission — the one rule for tRPC procedures and for
 * console requests outside tRPC (upload, downloads): signed in, a member of the requested or first
 * workspace, and a role that holds `permission`. Throws UNAUTHORIZED or FORBIDDEN otherwise.
 */
export async function resolveScope(
  caller: CallerRequest,
  permission: Permission,
): Promise<WorkspaceScope & { workspace: MyWorkspace }> {
  const { db, user } = caller;
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in first");
  const workspace = await resolveActiveWorkspace(db, user.id, caller.requestedWorkspaceId);
  if (!workspace) throw new AppError("FORBIDDEN", "You are not a member of any workspace");
  if (!can(workspace.role, permission))
    throw new AppError("FORBIDDEN", `Your role (${workspace.role}) does not allow this (needs ${permission})`);
  return {
    db,
    workspaceId: workspace.id,
    role: workspace.role,
    actor: { userId: user.id, email: user.email, ip: caller.ip },
    workspace,
  };
}
