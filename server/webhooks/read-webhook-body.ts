import zlib from "node:zlib";
import { parseJsonExact } from "../ingestion/parse-json-exact";
import { readWebBody } from "../http/read-web-body";
import { WEBHOOK_LIMITS } from "./limits";

type Refusal = { ok: false; status: number; code: string; message: string };

/** A webhook body as received, decompressed: the signature is checked over these bytes. */
export type WebhookBytes = { ok: true; body: Buffer; wireBytes: number } | Refusal;

/**
 * A webhook's JSON payload: `text` is what is stored (jsonb keeps every digit of its numbers), `payload`
 * is what the mapping sees (integers beyond ±2^53 as strings of their digits, see parseJsonExact).
 */
export type WebhookJson = { ok: true; text: string; payload: unknown } | Refusal;

const MB = WEBHOOK_LIMITS.maxBodyBytes / (1024 * 1024);
const fail = (status: number, code: string, message: string): Refusal => ({ ok: false, status, code, message });
const tooLarge = (what: string) => fail(413, "payload_too_large", `${what} is larger than the limit of ${MB} MB`);

/**
 * A webhook's body, within 1 MB on the wire and once decompressed (gzip accepted; zlib stops at the limit,
 * so a small "gzip bomb" costs at most that much memory).
 */
export async function readWebhookBytes(request: Request): Promise<WebhookBytes> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > WEBHOOK_LIMITS.maxBodyBytes) return tooLarge("the payload");
  const encoding = (request.headers.get("content-encoding") ?? "").trim().toLowerCase();
  if (encoding !== "" && encoding !== "identity" && encoding !== "gzip" && encoding !== "x-gzip") {
    return fail(
      415,
      "unsupported_encoding",
      `Content-Encoding "${encoding}" is not supported; send gzip or no encoding`,
    );
  }

  let raw: Buffer | "too-large";
  try {
    raw = await readWebBody(request, WEBHOOK_LIMITS.maxBodyBytes);
  } catch {
    return fail(400, "invalid_body", "the request body could not be read");
  }
  if (raw === "too-large") return tooLarge("the payload");
  if (encoding !== "gzip" && encoding !== "x-gzip") return { ok: true, body: raw, wireBytes: raw.length };
  try {
    return {
      ok: true,
      body: zlib.gunzipSync(raw, { maxOutputLength: WEBHOOK_LIMITS.maxBodyBytes }),
      wireBytes: raw.length,
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return tooLarge("the decompressed payload");
    return fail(400, "invalid_encoding", "the body is not valid gzip data");
  }
}

/**
 * An escape of a JSON string, a surrogate pair first: what JSON allows but Postgres jsonb refuses is NUL
 * and an unpaired surrogate. (A backslash only occurs inside strings, so the text can be scanned whole.)
 */
const ESCAPE = /\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u([0-9a-fA-F]{4})|\\./g;
const UNSTORABLE = /^(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})$/;

/** JSON text with what jsonb cannot hold (NUL, unpaired surrogates) replaced by U+FFFD, in keys and values alike. */
export function storableJsonText(text: string): string {
  if (!/\\u(?:0000|[dD][89a-fA-F])/.test(text)) return text;
  return text.replace(ESCAPE, (escape, code: string | undefined) =>
    code !== undefined && UNSTORABLE.test(code) ? "\\ufffd" : escape,
  );
}

/** Any JSON value is accepted; the few characters Postgres cannot store become U+FFFD. */
export function parseWebhookJson(body: Buffer): WebhookJson {
  const text = body.toString("utf8");
  if (text.trim() === "") return fail(400, "invalid_json", "the request body is empty; expected a JSON payload");
  try {
    const stored = storableJsonText(text);
    return { ok: true, text: stored, payload: parseJsonExact(stored) };
  } catch (error) {
    return fail(
      400,
      "invalid_json",
      `the payload is not valid JSON${error instanceof SyntaxError ? `: ${error.message}` : ""}`,
    );
  }
}
