import { and, eq } from "drizzle-orm";
import { sources } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceScope } from "../scope";
import { loadSource } from "./get-source";
import { forgetSourceKeys } from "./source-by-write-key";
import { generateWriteKey } from "./write-key";

/** Replaces the write key: the old one stops working at once; the new one is returned (and kept encrypted for an http source). */
export async function rotateWriteKey(scope: WorkspaceScope, sourceId: string) {
  const writeKey = generateWriteKey();
  await scope.db.transaction(async (tx) => {
    const before = await loadSource(tx, scope.workspaceId, sourceId, true);
    await tx
      .update(sources)
      .set({
        writeKeyHash: writeKey.hash,
        writeKeyPrefix: writeKey.prefix,
        writeKeyEncrypted: before.type === "http" ? writeKey.encrypted : null,
        updatedAt: new Date(),
      })
      .where(and(eq(sources.workspaceId, scope.workspaceId), eq(sources.id, sourceId)));
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "source.rotate_key",
      targetType: "source",
      targetId: sourceId,
      before: { writeKeyPrefix: before.writeKeyPrefix },
      after: { writeKeyPrefix: writeKey.prefix },
    });
  });
  forgetSourceKeys();
  return { writeKey: writeKey.key, writeKeyPrefix: writeKey.prefix };
}
