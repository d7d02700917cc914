import { foreignOriginReason } from "../auth/origin-check";
import { getDb } from "../database";
import { AppError, HTTP_STATUS } from "../errors";
import { ImportStorageError } from "./import-tally";
import { requestScope, type SessionUser } from "../auth/request-scope";
import { runImport } from "./run-import";
import { startImportSchema } from "./schema";

const refuse = (status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  Response.json({ error: { code, message }, ...extra }, { status, headers: { "cache-control": "no-store", ...headers } });

/** A request body as chunks; stopping early cancels the upload instead of receiving the rest. */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
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
      : { fileName: url.searchParams.get("fileName") ?? undefined, format: url.searchParams.get("format") ?? undefined, mapping: JSON.parse(url.searchParams.get("mapping") ?? "null") ?? undefined };
  } catch {
    return { ok: false as const, message: header ? "x-import-options is not valid JSON" : "the mapping parameter is not valid JSON" };
  }
  const parsed = startImportSchema.safeParse({ ...raw, sourceId });
  if (parsed.success) return { ok: true as const, input: parsed.data };
  return { ok: false as const, message: parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; ") };
}

/**
 * POST /api/imports/{sourceId}: the file is the request body, streamed (never held whole); the mapping and
 * file name come with it. Signed-in console users with sources:manage only. Answers once the file is
 * imported: 200 with the totals, 422 when the file stopped the import (header, mapping, truncated upload),
 * 4xx before it starts, 503 when storage failed (run it again: rows already stored are skipped).
 */
export async function handleUploadRequest(request: Request, sourceId: string, user: SessionUser | null): Promise<Response> {
  if (request.method !== "POST") return refuse(405, "method_not_allowed", "upload a file with POST");
  const foreign = foreignOriginReason(request.method, new URL(request.url).pathname, request.headers);
  if (foreign) return refuse(403, "forbidden", foreign);
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding !== "identity" && encoding !== "") return refuse(415, "unsupported_encoding", `Content-Encoding "${encoding}" is not supported; upload the file as it is`);

  try {
    const db = await getDb();
    const scope = await requestScope(db, request.headers, user, "sources:manage");
    const options = importOptions(request, sourceId);
    if (!options.ok) return refuse(400, "invalid_options", options.message);
    if (!request.body) return refuse(400, "empty_body", "the request has no body; send the file as the body");
    const declared = Number(request.headers.get("content-length"));
    const totalBytes = Number.isSafeInteger(declared) && declared > 0 ? declared : null;

    const summary = await runImport(scope, options.input, chunksOf(request.body), { totalBytes });
    if (summary.status === "failed") return refuse(422, "import_failed", summary.error ?? "the import failed", { import: summary });
    return Response.json({ import: summary }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return refuse(HTTP_STATUS[error.code], error.code.toLowerCase(), error.message);
    if (error instanceof ImportStorageError) return refuse(503, "storage_unavailable", `${error.message}; import the file again (rows already stored are skipped)`, {}, { "retry-after": "5" });
    console.error("file import failed", error);
    return refuse(503, "storage_unavailable", "the import could not run right now; try again");
  }
}
