import type { Db } from "@/db/client";
import { readCookie } from "../http/cookies";
import type { WorkspaceScope } from "../scope";
import { WORKSPACE_COOKIE } from "../trpc/context";
import { clientIp } from "./client-ip";
import type { Permission } from "./permissions";
import { resolveScope, type SessionUser } from "./resolve-scope";

export type { SessionUser } from "./resolve-scope";

/** The workspace scope of a console request outside tRPC (file upload, downloads), by the rules of resolveScope. */
export function requestScope(
  db: Db,
  headers: Headers,
  user: SessionUser | null,
  permission: Permission,
): Promise<WorkspaceScope> {
  return resolveScope(
    { db, user, requestedWorkspaceId: readCookie(headers, WORKSPACE_COOKIE), ip: clientIp(headers) },
    permission,
  );
}
