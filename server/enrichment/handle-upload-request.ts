import { foreignOriginReason } from "../auth/origin-check";
import { requestScope, type SessionUser } from "../auth/request-scope";
import { getDb } from "../database";
import { errorResponse, failureResponse, jsonReply, toResponse } from "../http/reply";
import { UnsupportedFileError } from "../imports/open-text";
import { readEnrichmentCsv } from "./read-enrichment-csv";
import { EnrichmentStorageError, runEnrichment } from "./run-enrichment";
import { startEnrichmentSchema } from "./schema";
import { spoolUpload } from "./spool-upload";

const NO_STORE = { "cache-control": "no-store" };

/** fileName and mapping from the x-enrichment-options header (JSON), with a message naming what is wrong. */
function enrichmentOptions(request: Request) {
  const header = request.headers.get("x-enrichment-options");
  if (!header) return { ok: false as const, message: "send the file name and mapping in x-enrichment-options (JSON)" };
  let raw: unknown;
  try {
    raw = JSON.parse(header);
  } catch {
    return { ok: false as const, message: "x-enrichment-options is not valid JSON" };
  }
  const parsed = startEnrichmentSchema.safeParse(raw);
  if (parsed.success) return { ok: true as const, input: parsed.data };
  return {
    ok: false as const,
    message: parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; "),
  };
}

/**
 * POST /api/enrichment: a CSV file as the request body, applied as an enrichment file (profiles:enrich).
 * Answers once it is applied: 200 with the totals, 422 when the file stopped partway (the rows before stay
 * applied), 400 for options or columns that do not fit, 413 for a file too large, 415 for a file that is not
 * text we read, 503 when storage failed. No answer carries driver or SQL text.
 */
export async function handleEnrichmentUpload(request: Request, user: SessionUser | null): Promise<Response> {
  if (request.method !== "POST") return errorResponse(405, "method_not_allowed", "upload a file with POST", NO_STORE);
  const foreign = foreignOriginReason(request.method, new URL(request.url).pathname, request.headers);
  if (foreign) return errorResponse(403, "forbidden", foreign, NO_STORE);
  let spooled: Awaited<ReturnType<typeof spoolUpload>> | null = null;
  try {
    const db = await getDb();
    const scope = await requestScope(db, request.headers, user, "profiles:enrich");
    const options = enrichmentOptions(request);
    if (!options.ok) return errorResponse(400, "invalid_options", options.message, NO_STORE);
    if (!request.body)
      return errorResponse(400, "empty_body", "the request has no body; send the file as the body", NO_STORE);
    spooled = await spoolUpload(request.body);
    const csv = await readEnrichmentCsv(spooled.chunks(), options.input.mapping.delimiter, spooled.bytes);
    const summary = await runEnrichment(scope, options.input, csv.columns, csv.batches);
    if (summary.status === "failed")
      return toResponse(
        jsonReply(422, { error: { code: "enrichment_failed", message: summary.error }, file: summary }, NO_STORE),
      );
    return toResponse(jsonReply(200, { file: summary }, NO_STORE));
  } catch (error) {
    if (error instanceof UnsupportedFileError) return errorResponse(415, "unsupported_file", error.message, NO_STORE);
    if (error instanceof EnrichmentStorageError)
      return errorResponse(
        503,
        "storage_unavailable",
        "Storage failed while applying the file; the rows counted so far were applied — apply the file again",
        { ...NO_STORE, "retry-after": "5" },
      );
    return failureResponse(error, "the enrichment upload", NO_STORE);
  } finally {
    await spooled?.remove();
  }
}
