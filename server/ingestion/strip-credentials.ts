/**
 * Credentials never reach storage. SDKs may send the write key in the body (analytics.js puts `writeKey` on
 * the batch and on each message; some clients spell it `write_key`); stored events and the refused payloads
 * kept for the live debugger carry neither. Text that could not be parsed (or a parser's message quoting it)
 * is masked instead: any write key in it, whatever field holds it, becomes REDACTED.
 */
export const CREDENTIAL_FIELDS = ["writeKey", "write_key"] as const;

export const REDACTED = "[redacted]";

/** The object without its credential fields (copied only when it has one). */
export function withoutCredentials<T extends Record<string, unknown>>(input: T): T {
  if (!Object.hasOwn(input, "writeKey") && !Object.hasOwn(input, "write_key")) return input;
  const { writeKey: _writeKey, write_key: _write_key, ...rest } = input;
  return rest as T;
}

// Write keys are `wk_` and 32 base64url characters (server/sources/write-key.ts); a credential field's string
// value is masked whatever it holds, a key anywhere else when it looks like one.
const FIELD_VALUE = /("(?:writeKey|write_key)"\s*:\s*)"(?:[^"\\]|\\.)*"/g;
const KEY_LIKE = /wk_[A-Za-z0-9_-]{32}/g;

/** Text with every write key-like token masked (the hot path: one scan when there is none). */
export function maskWriteKeys(text: string): string {
  return text.includes("wk_") ? text.replace(KEY_LIKE, REDACTED) : text;
}

/** JSON (or any) text with every write key and every credential field's value masked. */
export function redactCredentials(text: string): string {
  const out =
    text.includes("riteKey") || text.includes("rite_key") ? text.replace(FIELD_VALUE, `$1"${REDACTED}"`) : text;
  return maskWriteKeys(out);
}
