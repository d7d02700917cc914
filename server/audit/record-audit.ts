import { auditLog } from "@/db/schema";
import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import type { Actor } from "../scope";

export interface AuditEntry {
  workspaceId: string | null;
  actor: Actor;
  action: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit row. Call it inside the mutation's transaction so both commit or neither does. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    id: uuidv7(),
    workspaceId: entry.workspaceId,
    actorId: entry.actor.userId,
    actorEmail: entry.actor.email,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    summary: { before: entry.before, after: entry.after },
    ip: entry.actor.ip,
  });
}
