import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import type { Actor } from "../scope";
import { chainHash, GENESIS_HASH, type ChainedRow } from "./chain-hash";

export interface AuditEntry {
  workspaceId: string | null;
  actor: Actor;
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
}

/** The chain a row belongs to: its workspace's, or the one of rows outside any workspace. */
export const chainOf = (workspaceId: string | null) =>
  workspaceId === null ? isNull(auditLog.workspaceId) : eq(auditLog.workspaceId, workspaceId);

/**
 * Appends one audit row at the end of its workspace's hash chain. Call it inside the mutation's transaction
 * so both commit or neither does. Writers of one chain are serialised by a transaction-scoped advisory lock,
 * held until the caller's transaction ends, so no two rows ever claim the same place.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtextextended(${`audit-chain:${entry.workspaceId ?? "-"}`}, 0))`,
    );
    const [last] = await tx
      .select({ seq: auditLog.chainSeq, hash: auditLog.hash })
      .from(auditLog)
      .where(and(chainOf(entry.workspaceId), isNotNull(auditLog.chainSeq)))
      .orderBy(desc(auditLog.chainSeq))
      .limit(1);
    const row: ChainedRow = {
      id: uuidv7(),
      workspaceId: entry.workspaceId,
      actorId: entry.actor.userId,
      actorEmail: entry.actor.email,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      summary: { before: entry.before, after: entry.after },
      ip: entry.actor.ip,
      at: new Date(),
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await tx.insert(auditLog).values({
      ...row,
      summary: row.summary as { before?: unknown; after?: unknown },
      chainSeq: (last?.seq ?? 0) + 1,
      prevHash,
      hash: chainHash(prevHash, row),
    });
  });
}
