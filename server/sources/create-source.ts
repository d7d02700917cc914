import { uuidv7 } from "@/db/ids";
import { sources } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceScope } from "../scope";
import { publicSource } from "./public-source";
import type { CreateSourceInput } from "./schema";
import { generateWriteKey } from "./write-key";

/**
 * Creates a source and returns its write key. Only an http source sends with its key, so only an http source
 * keeps an encrypted copy that can be revealed later; the others keep just the hash the column requires.
 */
export async function createSource(scope: WorkspaceScope, input: CreateSourceInput) {
  const writeKey = generateWriteKey();
  return scope.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sources)
      .values({
        workspaceId: scope.workspaceId,
        id: uuidv7(),
        type: input.type,
        name: input.name,
        writeKeyHash: writeKey.hash,
        writeKeyPrefix: writeKey.prefix,
        writeKeyEncrypted: input.type === "http" ? writeKey.encrypted : null,
      })
      .returning();
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "source.create",
      targetType: "source",
      targetId: row.id,
      after: { name: row.name, type: row.type },
    });
    return { source: publicSource(row), writeKey: writeKey.key };
  });
}
