import { isUuid } from "@/db/ids";
import { getDb } from "../database";
import { AppError } from "../errors";
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
    const report = await importErrorsCsv(scope, importId, sourceId);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await report.lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await report.lines.return(undefined);
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${report.fileName}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return failureResponse(error, "the error report download", { "cache-control": "no-store" });
  }
}
