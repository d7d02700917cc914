import { isUuid } from "@/db/ids";
import { getDb } from "../database";
import { AppError } from "../errors";
import { csvDownload } from "../http/csv-download";
import { failureResponse } from "../http/reply";
import { importErrorsCsv } from "./import-errors-csv";
import { requestScope, type SessionUser } from "../auth/request-scope";

/** GET /api/imports/{sourceId}/{importId}/errors: an import's row errors as a CSV download (sources:read). */
export async function handleErrorsDownload(
  request: Request,
  sourceId: string,
  importId: string,
  user: SessionUser | null,
): Promise<Response> {
  try {
    if (!isUuid(importId)) throw new AppError("NOT_FOUND", "No such import in this workspace");
    const scope = await requestScope(await getDb(), request.headers, user, "sources:read");
    return csvDownload(await importErrorsCsv(scope, importId, sourceId));
  } catch (error) {
    return failureResponse(error, "the error report download", { "cache-control": "no-store" });
  }
}
