import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../scope";

/**
 * Stores a new password hash and raises the user's session version, which ends every session issued
 * before; audited under `action` in each workspace the user belongs to (the hash never enters the log).
 * Call it inside a transaction. Returns the new session version.
 */
export async function storePassword(
  tx: Db,
  actor: Actor,
  userId: string,
  passwordHash: string,
  action: string,
): Promise<number> {
  const [row] = await tx
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ version: users.sessionVersion });
  const workspaces = await tx
    .select({ id: memberships.workspaceId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(memberships.workspaceId);
  // In workspace order, as every writer of several chains: their advisory locks are always taken in one order.
  for (const ws of workspaces.length ? workspaces : [{ id: null }]) {
    await recordAudit(tx, {
      workspaceId: ws.id,
      actor,
      action,
      targetType: "user",
      targetId: userId,
      after: { sessions: "signed out everywhere" },
    });
  }
  return row.version;
}
