import type { Db } from "@/db/client";

/** What every tRPC call starts from; the permission middleware turns it into a WorkspaceScope. */
export interface TrpcContext {
  db: Db;
  user: { id: string; email: string } | null;
  /** The workspace the switcher asked for (cookie); honoured only when the user is a member. */
  requestedWorkspaceId: string | null;
  ip: string | null;
  /** The request's headers (its cookies), when the call came over HTTP. */
  requestHeaders?: Headers | null;
  /** Response headers the procedure may add to (used to set the workspace cookie). */
  resHeaders: Headers | null;
}

export const WORKSPACE_COOKIE = "cdp-workspace";
