import { and, eq, inArray } from "drizzle-orm";
import { isUuid } from "@/db/ids";
import { jobs, sources, users, workspaces } from "@/db/schema";
import type { WorkspaceScope } from "../scope";

interface Targeted {
  targetType: string | null;
  targetId: string | null;
  summary: { before?: unknown; after?: unknown };
}

/** A name the row itself remembers (a deleted source's name is in its `before`). */
function nameInSummary(summary: Targeted["summary"]): string | null {
  for (const side of [summary.before, summary.after]) {
    if (side && typeof side === "object" && typeof (side as { name?: unknown }).name === "string")
      return (side as { name: string }).name;
  }
  return null;
}

/**
 * Readable names of the rows' targets — a source's name, a member's email, the workspace's name, a job's
 * kind — looked up in this workspace only. Key: `${type}:${id}`. A target that no longer exists falls back to
 * the name its row remembers, if any.
 */
export async function nameTargets(scope: WorkspaceScope, rows: Targeted[]): Promise<Map<string, string>> {
  const ids = (type: string) => [
    ...new Set(rows.filter((r) => r.targetType === type && r.targetId && isUuid(r.targetId)).map((r) => r.targetId!)),
  ];
  const [sourceIds, userIds, jobIds] = [ids("source"), ids("user"), ids("job")];
  const { db, workspaceId } = scope;
  const [sourceRows, userRows, jobRows, [workspace]] = await Promise.all([
    sourceIds.length
      ? db
          .select({ id: sources.id, name: sources.name })
          .from(sources)
          .where(and(eq(sources.workspaceId, workspaceId), inArray(sources.id, sourceIds)))
      : [],
    userIds.length ? db.select({ id: users.id, name: users.email }).from(users).where(inArray(users.id, userIds)) : [],
    jobIds.length
      ? db
          .select({ id: jobs.id, name: jobs.name })
          .from(jobs)
          .where(and(eq(jobs.workspaceId, workspaceId), inArray(jobs.id, jobIds)))
      : [],
    db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)),
  ]);
  const names = new Map<string, string>();
  for (const [type, found] of [
    ["source", sourceRows],
    ["user", userRows],
    ["job", jobRows],
  ] as const) {
    for (const row of found) names.set(`${type}:${row.id}`, row.name);
  }
  if (workspace) names.set(`workspace:${workspace.id}`, workspace.name);
  for (const row of rows) {
    const key = `${row.targetType}:${row.targetId}`;
    const remembered = nameInSummary(row.summary);
    if (!names.has(key) && remembered && row.targetType !== "workspace") names.set(key, remembered);
  }
  return names;
}
