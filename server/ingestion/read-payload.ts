import zlib from "node:zlib";
import { LIMITS } from "./limits";
import { parseJsonExact } from "./parse-json-exact";
import type { TrackingCall } from "./tracking-call";
import type { TrackingErrorCode } from "./tracking-replies";

export type Payload =
  | { ok: true; value: unknown; text: string }
  /** `text` is the body when it could be read (kept for the live debugger). */
  | { ok: false; status: number; code: TrackingErrorCode; message: string; text?: string };

const KB = LIMITS.maxRequestBytes / 1024;
const ENCODINGS = new Set(["identity", "gzip", "x-gzip", "deflate"]);

const fail = (status: number, code: TrackingErrorCode, message: string, text?: string): Payload => ({
  ok: false,
  status,
  code,
  message,
  text,
});
const tooLarge = (what: string) => fail(400, "request_too_large", `${what} is larger than the limit of ${KB} KB`);

/**
 * Decompresses within the request limit: zlib stops as soon as the output would pass maxOutputLength, so a
 * small "gzip bomb" costs at most that much memory. Deflate is accepted with or without its zlib header.
 */
function decode(body: Buffer, encoding: string): Buffer {
  const options = { maxOutputLength: LIMITS.maxRequestBytes };
  if (encoding === "gzip" || encoding === "x-gzip") return zlib.gunzipSync(body, options);
  if (encoding !== "deflate") return body;
  try {
    return zlib.inflateSync(body, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw error;
    return zlib.inflateRawSync(body, options);
  }
}

/**
 * Reads, decompresses and parses a tracking request's JSON body within the 500 KB request limit (counted
 * both on the wire and decompressed). The body is JSON whatever Content-Type says: SDKs label it
 * application/json, text/plain (analytics.js, to avoid a preflight) or x-www-form-urlencoded (RudderStack's
 * Node SDK, gzipped). Integers beyond ±2^53 become strings of their digits (parseJsonExact).
 */
export async function readPayload(call: TrackingCall): Promise<Payload> {
  const declared = Number(call.header("content-length") ?? 0);
  if (declared > LIMITS.maxRequestBytes) return tooLarge("request body");
  const encoding = (call.header("content-encoding") ?? "identity").trim().toLowerCase() || "identity";
  if (!ENCODINGS.has(encoding))
    return fail(
      415,
      "unsupported_encoding",
      `Content-Encoding "${encoding}" is not supported; use gzip, deflate or none`,
    );

  let body: Buffer | "too-large";
  try {
    body = await call.readBody(LIMITS.maxRequestBytes);
  } catch {
    return fail(400, "invalid_body", "the request body could not be read");
  }
  if (body === "too-large") return tooLarge("request body");

  let decoded: Buffer;
  try {
    decoded = decode(body, encoding);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return tooLarge("decompressed request body");
    return fail(400, "invalid_encoding", `the body is not valid ${encoding} data`);
  }

  const text = decoded.toString("utf8");
  try {
    // Integers beyond ±2^53 (Shopify, Twitter, Discord ids) keep every digit, as strings.
    return { ok: true, value: parseJsonExact(text), text };
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : "";
    return fail(
      400,
      "invalid_json",
      text.trim() === "" ? "the request body is empty; expected JSON" : `the request body is not valid JSON${detail}`,
      text,
    );
  }
}
