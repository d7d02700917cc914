import { getDb } from "../database";
import { auth } from "../auth/nextauth";
import { clientIp } from "../auth/client-ip";
import { readCookie } from "../http/cookies";
import { WORKSPACE_COOKIE, type TrpcContext } from "./context";

/** Builds the tRPC context of one HTTP request (or one server-component render). */
export async function createTrpcContext(headers: Headers, resHeaders: Headers | null): Promise<TrpcContext> {
  const session = await auth();
  const user = session?.user?.id && session.user.email ? { id: session.user.id, email: session.user.email } : null;
  return {
    db: await getDb(),
    user,
    requestedWorkspaceId: readCookie(headers, WORKSPACE_COOKIE),
    ip: clientIp(headers),
    requestHeaders: headers,
    resHeaders,
  };
}
