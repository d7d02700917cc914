import { isUuid } from "@/db/ids";
import { requestScope, type SessionUser } from "../auth/request-scope";
import { getDb } from "../database";
import { AppError } from "../errors";
import { csvDownload } from "../http/csv-download";
import { failureResponse } from "../http/reply";
import { enrichmentRowsCsv } from "./enrichment-rows-csv";

/** GET /api/enrichment/{fileId}/rows?kind=unmatched|invalid: a file's rows that gave no traits, as CSV (profiles:read). */
export async function handleRowsDownload(
  request: Request,
  fileId: string,
  user: SessionUser | null,
): Promise<Response> {
  try {
    if (!isUuid(fileId)) throw new AppError("NOT_FOUND", "No such enrichment file in this workspace");
    const kind = new URL(request.url).searchParams.get("kind") ?? "unmatched";
    if (kind !== "unmatched" && kind !== "invalid")
      throw new AppError("BAD_REQUEST", `kind must be unmatched or invalid, not "${kind.slice(0, 40)}"`);
    const scope = await requestScope(await getDb(), request.headers, user, "profiles:read");
    return csvDownload(await enrichmentRowsCsv(scope, fileId, kind));
  } catch (error) {
    return failureResponse(error, "the enrichment rows download", { "cache-control": "no-store" });
  }
}
