import { isUuid } from "@/db/ids";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sources } from "@/db/schema";
import { AppError } from "../errors";

/** For the admin CLI, which names a source by id alone: the workspace it belongs to (ids are unique). */
export async function sourceWorkspace(db: Db, sourceId: string): Promise<string> {
  const [row] = isUuid(sourceId)
    ? await db.select({ workspaceId: sources.workspaceId }).from(sources).where(eq(sources.id, sourceId))
    : [];
  if (!row) throw new AppError("NOT_FOUND", `--source: no source with id "${sourceId}"`);
  return row.workspaceId;
}
