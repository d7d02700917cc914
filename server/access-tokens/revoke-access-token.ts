import { and, eq, isNull } from "drizzle-orm";
import { accessTokens } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors";
import type { WorkspaceScope } from "../scope";
import { forgetAccessTokens } from "./token-cache";

/**
 * Revokes a token: this process refuses it at once, other processes within the token cache's few seconds.
 * Revoking a revoked token is a CONFLICT (nothing changes, nothing is audited twice).
 */
export async function revokeAccessToken(scope: WorkspaceScope, tokenId: string) {
  const revoked = await scope.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ name: accessTokens.name, revokedAt: accessTokens.revokedAt })
      .from(accessTokens)
      .where(and(eq(accessTokens.workspaceId, scope.workspaceId), eq(accessTokens.id, tokenId)))
      .for("update");
    if (!before) throw new AppError("NOT_FOUND", "No such access token in this workspace");
    if (before.revokedAt) throw new AppError("CONFLICT", `The token "${before.name}" is already revoked`);
    const [row] = await tx
      .update(accessTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(accessTokens.workspaceId, scope.workspaceId),
          eq(accessTokens.id, tokenId),
          isNull(accessTokens.revokedAt),
        ),
      )
      .returning({ id: accessTokens.id, name: accessTokens.name, revokedAt: accessTokens.revokedAt });
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "access_token.revoke",
      targetType: "access_token",
      targetId: tokenId,
      before: { name: before.name, revokedAt: null },
      after: { name: row.name, revokedAt: row.revokedAt },
    });
    return row;
  });
  forgetAccessTokens();
  return { id: revoked.id, name: revoked.name, revokedAt: revoked.revokedAt! };
}
