import type { Db } from "@/db/client";
import { AppError } from "../errors";
import { loadSource } from "../sources/get-source";

/** A webhook source of the workspace (optionally locked FOR UPDATE); NOT_FOUND or BAD_REQUEST otherwise. */
export async function loadWebhookSource(db: Db, workspaceId: string, sourceId: string, lock = false) {
  const source = await loadSource(db, workspaceId, sourceId, lock);
  if (source.type !== "webhook")
    throw new AppError("BAD_REQUEST", `"${source.name}" is a ${source.type} source, not a webhook source`);
  return source;
}
