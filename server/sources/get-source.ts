import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sources } from "@/db/schema";
import { AppError } from "../errors";
import type { WorkspaceScope } from "../scope";
import { publicSource } from "./public-source";

/** The source's full row (settings included) inside the workspace; NOT_FOUND otherwise. */
export async function loadSource(db: Db, workspaceId: string, sourceId: string, lock = false) {
  const query = db
    .select()
    .from(sources)
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, sourceId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw new AppError("NOT_FOUND", "No such source in this workspace");
  return row;
}

export async function getSource(scope: WorkspaceScope, sourceId: string) {
  return publicSource(await loadSource(scope.db, scope.workspaceId, sourceId));
}

export async function listSources(scope: WorkspaceScope) {
  const rows = await scope.db
    .select()
    .from(sources)
    .where(eq(sources.workspaceId, scope.workspaceId))
    .orderBy(asc(sources.createdAt));
  return rows.map(publicSource);
}
