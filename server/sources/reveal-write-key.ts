import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors";
import type { WorkspaceScope } from "../scope";
import { loadSource } from "./get-source";
import { openWriteKey } from "./write-key";

/**
 * The source's write key in clear, for the roles that manage sources; every reveal is audited.
 * Keys made before an encrypted copy was kept cannot be revealed: rotating gives a new, revealable one.
 */
export async function revealWriteKey(scope: WorkspaceScope, sourceId: string) {
  return scope.db.transaction(async (tx) => {
    const source = await loadSource(tx, scope.workspaceId, sourceId);
    if (source.type !== "http")
      throw new AppError("BAD_REQUEST", `A ${source.type} source takes no write key: only http sources send with one`);
    if (!source.writeKeyEncrypted)
      throw new AppError(
        "CONFLICT",
        `The write key of "${source.name}" was stored before keys could be revealed: rotate it to get one you can reveal`,
      );
    const writeKey = openWriteKey(source.writeKeyEncrypted);
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "source.reveal_key",
      targetType: "source",
      targetId: source.id,
      after: { writeKeyPrefix: source.writeKeyPrefix },
    });
    return { writeKey, writeKeyPrefix: source.writeKeyPrefix };
  });
}
