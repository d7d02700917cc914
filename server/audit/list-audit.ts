import { and, count, desc, eq, gte, ilike, lte, or, type SQL } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import type { WorkspaceScope } from "../scope";
import type { AuditQuery } from "./schema";
import { actionLabel } from "./actions";
import { nameTargets } from "./name-targets";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of the workspace's audit log, newest first, with the total for the pager. Each entry carries its
 * action's label and its target's readable name (null when there is none to show).
 */
export async function listAudit(scope: WorkspaceScope, query: AuditQuery) {
  const filters: (SQL | undefined)[] = [eq(auditLog.workspaceId, scope.workspaceId)];
  if (query.actor) filters.push(ilike(auditLog.actorEmail, `%${escapeLike(query.actor)}%`));
  if (query.action)
    filters.push(or(eq(auditLog.action, query.action), ilike(auditLog.action, `${escapeLike(query.action)}%`)));
  if (query.from) filters.push(gte(auditLog.at, query.from));
  if (query.to) filters.push(lte(auditLog.at, query.to));
  const where = and(...filters);
  const [rows, [{ total }]] = await Promise.all([
    scope.db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    scope.db.select({ total: count() }).from(auditLog).where(where),
  ]);
  const names = await nameTargets(scope, rows);
  const entries = rows.map(({ chainSeq: _seq, prevHash: _prev, hash: _hash, ...row }) => ({
    ...row,
    actionLabel: actionLabel(row.action),
    targetName: names.get(`${row.targetType}:${row.targetId}`) ?? null,
  }));
  return { entries, total, page: query.page, pageSize: query.pageSize };
}
