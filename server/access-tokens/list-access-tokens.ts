import { desc, eq, sql } from "drizzle-orm";
import { accessTokens, users } from "@/db/schema";
import type { WorkspaceScope } from "../scope";

/** The workspace's tokens, newest first, revoked ones included (marked so). Never a hash or a token. */
export async function listAccessTokens(scope: WorkspaceScope) {
  const found = await scope.db
    .select({
      id: accessTokens.id,
      name: accessTokens.name,
      scopes: accessTokens.scopes,
      tokenPrefix: accessTokens.tokenPrefix,
      createdByName: sql<string | null>`coalesce(${users.name}, ${users.email})`,
      createdAt: accessTokens.createdAt,
      lastUsedAt: accessTokens.lastUsedAt,
      revokedAt: accessTokens.revokedAt,
    })
    .from(accessTokens)
    .leftJoin(users, eq(users.id, accessTokens.createdBy))
    .where(eq(accessTokens.workspaceId, scope.workspaceId))
    .orderBy(desc(accessTokens.createdAt), desc(accessTokens.id));
  return found.map(({ createdByName, ...token }) => ({
    ...token,
    /** The member's name (or email); null for a token made on the command line. */
    createdBy: createdByName,
    status: token.revokedAt ? ("revoked" as const) : ("active" as const),
  }));
}

export type AccessTokenListItem = Awaited<ReturnType<typeof listAccessTokens>>[number];
