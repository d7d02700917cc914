import { asc, eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import type { WorkspaceScope } from "../scope";
import { actionLabel, AUDIT_ACTION_LABELS } from "./actions";

/** The actions the picker offers: every known one, and any other this workspace's log holds, with their labels. */
export async function listAuditActions(scope: WorkspaceScope) {
  const present = await scope.db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.workspaceId, scope.workspaceId))
    .orderBy(asc(auditLog.action));
  const all = new Set([...Object.keys(AUDIT_ACTION_LABELS), ...present.map((p) => p.action)]);
  return [...all].sort().map((action) => ({ action, label: actionLabel(action) }));
}
