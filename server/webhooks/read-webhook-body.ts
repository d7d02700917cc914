import zlib from "node:zlib";
import { readWebBody } from "../http/read-web-body";
import { WEBHOOK_LIMITS } from "./limits";

export type WebhookBody =
  | { ok: true; body: Buffer; payload: unknown }
  | { ok: false; status: number; code: string; message: string };

/** Escapes JSON allows but Postgres jsonb refuses: NUL, and (possibly unpaired) surrogates. */
const UNSTORABLE_ESCAPE = /\\u(?:0000|d[89a-f])/i;

/** Replaces what jsonb cannot hold (NUL, unpaired surrogates) with U+FFFD, in keys and values alike. */
function storable(value: unknown): unknown {
  if (typeof value === "string") return value.replaceAll("\u0000", "\uFFFD").toWellFormed();
  if (Array.isArray(value)) return value.map(storable);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [storable(k) as string, storable(v)]));
  }
  return value;
}

const MB = WEBHOOK_LIMITS.maxBodyBytes / (1024 * 1024);
const fail = (status: number, code: string, message: string): WebhookBody => ({ ok: false, status, code, message });
const tooLarge = (what: string) => fail(413, "payload_too_large", `${what} is larger than the limit of ${MB} MB`);

/**
 * A webhook's JSON payload, within 1 MB on the wire and once decompressed (gzip accepted; zlib stops at
 * the limit, so a small "gzip bomb" costs at most that much memory). Any JSON value is accepted; the few
 * characters Postgres cannot store (NUL, unpaired surrogates) become U+FFFD.
 */
export async function readWebhookBody(request: Request): Promise<WebhookBody> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > WEBHOOK_LIMITS.maxBodyBytes) return tooLarge("the payload");
  const encoding = (request.headers.get("content-encoding") ?? "").trim().toLowerCase();
  if (encoding !== "" && encoding !== "identity" && encoding !== "gzip" && encoding !== "x-gzip") {
    return fail(415, "unsupported_encoding", `Content-Encoding "${encoding}" is not supported; send gzip or no encoding`);
  }

  let raw: Buffer | "too-large";
  try {
    raw = await readWebBody(request, WEBHOOK_LIMITS.maxBodyBytes);
  } catch {
    return fail(400, "invalid_body", "the request body could not be read");
  }
  if (raw === "too-large") return tooLarge("the payload");

  let body = raw;
  if (encoding === "gzip" || encoding === "x-gzip") {
    try {
      body = zlib.gunzipSync(raw, { maxOutputLength: WEBHOOK_LIMITS.maxBodyBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return tooLarge("the decompressed payload");
      return fail(400, "invalid_encoding", "the body is not valid gzip data");
    }
  }

  const text = body.toString("utf8");
  if (text.trim() === "") return fail(400, "invalid_json", "the request body is empty; expected a JSON payload");
  try {
    const payload: unknown = JSON.parse(text);
    return { ok: true, body, payload: UNSTORABLE_ESCAPE.test(text) ? storable(payload) : payload };
  } catch (error) {
    return fail(400, "invalid_json", `the payload is not valid JSON${error instanceof SyntaxError ? `: ${error.message}` : ""}`);
  }
}
