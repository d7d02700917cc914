import { isUuid } from "@/db/ids";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema";
import { AppError } from "../errors";

/** A workspace named on the command line by id or by exact name. */
export async function findWorkspace(db: Db, idOrName: string) {
  const matches = await db
    .select()
    .from(workspaces)
    .where(isUuid(idOrName) ? eq(workspaces.id, idOrName) : eq(workspaces.name, idOrName));
  if (matches.length === 0) throw new AppError("NOT_FOUND", `--workspace: no workspace with id or name "${idOrName}"`);
  if (matches.length > 1)
    throw new AppError("CONFLICT", `--workspace: several workspaces are named "${idOrName}"; give the id`);
  return matches[0];
}
