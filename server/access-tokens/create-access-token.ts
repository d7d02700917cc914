import { uuidv7 } from "@/db/ids";
import { accessTokens } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceScope } from "../scope";
import type { CreateAccessTokenInput } from "./schema";
import { generateAccessToken } from "./token-secret";

/** Creates a token and returns it: this is the only time it exists outside its holder's hands (only its hash is kept). */
export async function createAccessToken(scope: WorkspaceScope, input: CreateAccessTokenInput) {
  const secret = generateAccessToken();
  return scope.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accessTokens)
      .values({
        workspaceId: scope.workspaceId,
        id: uuidv7(),
        name: input.name,
        scopes: input.scopes,
        tokenHash: secret.hash,
        tokenPrefix: secret.prefix,
        createdBy: scope.actor.userId,
      })
      .returning({ id: accessTokens.id, name: accessTokens.name, scopes: accessTokens.scopes });
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "access_token.create",
      targetType: "access_token",
      targetId: row.id,
      after: { name: row.name, scopes: row.scopes, tokenPrefix: secret.prefix },
    });
    return { id: row.id, name: row.name, scopes: row.scopes, tokenPrefix: secret.prefix, token: secret.token };
  });
}
