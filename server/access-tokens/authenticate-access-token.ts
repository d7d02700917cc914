import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accessTokens } from "@/db/schema";
import { basicAuthKey } from "../ingestion/authenticate-source";
import type { AccessTokenScope } from "./schema";
import { cachedToken, rememberToken, type ActiveToken } from "./token-cache";
import { hashAccessToken } from "./token-secret";
import { touchAccessToken } from "./touch-access-token";

export type TokenCheck =
  { ok: true; token: ActiveToken } | { ok: false; status: 401 | 403; code: string; message: string };

/**
 * The token of an Authorization header: HTTP Basic with the token as the user name and an empty password (what
 * Segment's Profile API clients send), or `Bearer <token>`. Null when neither is there.
 */
export function tokenFromAuthorization(authorization: string | null): string | null {
  if (!authorization) return null;
  const bearer = /^bearer\s+(\S+)\s*$/i.exec(authorization);
  if (bearer) return bearer[1];
  return basicAuthKey(authorization);
}

/** The active (unrevoked) token behind a hash, cached briefly (token-cache.ts). */
async function activeToken(db: Db, hash: string): Promise<ActiveToken | null> {
  const hit = cachedToken(hash);
  if (hit) return hit.token;
  const [row] = await db
    .select({
      workspaceId: accessTokens.workspaceId,
      id: accessTokens.id,
      scopes: accessTokens.scopes,
      revokedAt: accessTokens.revokedAt,
    })
    .from(accessTokens)
    .where(eq(accessTokens.tokenHash, hash));
  const token = row && !row.revokedAt ? { workspaceId: row.workspaceId, id: row.id, scopes: row.scopes } : null;
  rememberToken(hash, token);
  return token;
}

/**
 * Checks a request's token for `scope`: 401 when it is missing, unknown or revoked (one message for the last
 * two: a caller learns nothing about tokens it does not hold), 403 when it lacks the scope. Records its use.
 */
export async function authenticateAccessToken(
  db: Db,
  authorization: string | null,
  scope: AccessTokenScope,
): Promise<TokenCheck> {
  const secret = tokenFromAuthorization(authorization);
  if (!secret)
    return {
      ok: false,
      status: 401,
      code: "missing_token",
      message:
        "send a workspace access token as the Basic auth user name (empty password) or as Authorization: Bearer <token>",
    };
  const token = await activeToken(db, hashAccessToken(secret));
  if (!token)
    return {
      ok: false,
      status: 401,
      code: "invalid_token",
      message: "the access token is not valid: it is unknown or has been revoked",
    };
  await touchAccessToken(db, token.workspaceId, token.id);
  if (!token.scopes.includes(scope))
    return {
      ok: false,
      status: 403,
      code: "insufficient_scope",
      message: `the access token does not have the ${scope} scope; create a token with it`,
    };
  return { ok: true, token };
}
