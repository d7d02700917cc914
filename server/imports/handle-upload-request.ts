import { foreignOriginReason } from "../auth/origin-check";
import { getDb } from "../database";
import { errorResponse, failureResponse, jsonReply, toResponse } from "../http/reply";
import { ImportStorageError } from "./import-tally";
import { UnsupportedFileError } from "./open-text";
import { requestScope, type SessionUser } from "../auth/request-scope";
import { runImport } from "./run-import";
import { startImportSchema } from "./schema";

const NO_STORE = { "cache-control": "no-store" };

/**
 * A request body as chunks; stopping early cancels the upload instead of receiving the rest. When the
 * connection closes (the signal aborts) a pending read fails at once rather than waiting forever.
 */
async function* chunksOf(stream: ReadableStream<Uint8Array>, signal: AbortSignal): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error("the upload's connection closed"));
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => {});
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), aborted]);
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** fileName, format and mapping (JSON): from the x-import-options header (JSON), else from query parameters. */
function importOptions(request: Request, sourceId: string) {
  const url = new URL(request.url);
  let raw: Record<string, unknown>;
  const header = request.headers.get("x-import-options");
  try {
    raw = header
      ? (JSON.parse(header) as Record<string, unknown>)
      : {
          fileName: url.searchParams.get("fileName") ?? undefined,
          format: url.searchParams.get("format") ?? undefined,
          mapping: JSON.parse(url.searchParams.get("mapping") ?? "null") ?? undefined,
        };
  } catch {
    return {
      ok: false as const,
      message: header ? "x-import-options is not valid JSON" : "the mapping parameter is not valid JSON",
    };
  }
  const parsed = startImportSchema.safeParse({ ...raw, sourceId });
  if (parsed.success) return { ok: true as const, input: parsed.data };
  return {
    ok: false as const,
    message: parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; "),
  };
}

/**
 * POST /api/imports/{sourceId}: the file is the request body, streamed (never held whole); the mapping and
 * file name come with it. Signed-in console users with sources:manage only. Answers once the file is
 * imported: 200 with the totals, 422 when the file stopped the import (header, mapping, truncated upload),
 * 415 for a file that is not text we read (binary, UTF-32), other 4xx before it starts, 503 when storage
 * failed (run it again: rows already stored are skipped). No answer carries driver or SQL text.
 */
export async function handleUploadRequest(
  request: Request,
  sourceId: string,
  user: SessionUser | null,
): Promise<Response> {
  if (request.method !== "POST") return errorResponse(405, "method_not_allowed", "upload a file with POST", NO_STORE);
  const foreign = foreignOriginReason(request.method, new URL(request.url).pathname, request.headers);
  if (foreign) return errorResponse(403, "forbidden", foreign, NO_STORE);
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "")
    return errorResponse(
      415,
      "unsupported_encoding",
      `Content-Encoding "${encoding}" is not supported; upload the file as it is`,
      NO_STORE,
    );

  try {
    const db = await getDb();
    const scope = await requestScope(db, request.headers, user, "sources:manage");
    const options = importOptions(request, sourceId);
    if (!options.ok) return errorResponse(400, "invalid_options", options.message, NO_STORE);
    if (!request.body)
      return errorResponse(400, "empty_body", "the request has no body; send the file as the body", NO_STORE);
    const declared = Number(request.headers.get("content-length"));
    const totalBytes = Number.isSafeInteger(declared) && declared > 0 ? declared : null;

    const summary = await runImport(scope, options.input, chunksOf(request.body, request.signal), {
      totalBytes,
      signal: request.signal,
    });
    if (summary.status === "failed")
      return toResponse(
        jsonReply(422, {
          error: { code: "import_failed", message: summary.error ?? "the import failed" },
          import: summary,
        }),
      );
    return toResponse(jsonReply(200, { import: summary }));
  } catch (error) {
    if (error instanceof UnsupportedFileError) return errorResponse(415, "unsupported_file", error.message, NO_STORE);
    // Already logged by runImport (the driver's message only).
    if (error instanceof ImportStorageError) {
      return errorResponse(
        503,
        "storage_unavailable",
        "Storage failed during the import; import the file again (rows already stored are skipped)",
        { ...NO_STORE, "retry-after": "5" },
      );
    }
    return failureResponse(error, "the file import", NO_STORE);
  }
}
