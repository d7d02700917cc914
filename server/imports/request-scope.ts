import type { Db } from "@/db/client";
import { can, type Permission } from "../auth/permissions";
import { clientIp } from "../auth/client-ip";
import { AppError } from "../errors";
import type { WorkspaceScope } from "../scope";
import { WORKSPACE_COOKIE } from "../trpc/context";
import { resolveActiveWorkspace } from "../workspaces/list-my-workspaces";

export interface SessionUser {
  id: string;
  email: string;
}

function cookie(headers: Headers, name: string): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return null;
}

/**
 * The workspace scope of a console request outside tRPC (file upload, error download): the same rules as
 * tRPC's permission procedure — signed in, a member of the requested (cookie) or first workspace, and a
 * role holding the permission.
 */
export async function requestScope(db: Db, headers: Headers, user: SessionUser | null, permission: Permission): Promise<WorkspaceScope> {
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in first");
  const workspace = await resolveActiveWorkspace(db, user.id, cookie(headers, WORKSPACE_COOKIE));
  if (!workspace) throw new AppError("FORBIDDEN", "You are not a member of any workspace");
  if (!can(workspace.role, permission)) throw new AppError("FORBIDDEN", `Your role (${workspace.role}) does not allow this (needs ${permission})`);
  return { db, workspaceId: workspace.id, role: workspace.role, actor: { userId: user.id, email: user.email, ip: clientIp(headers) } };
}
