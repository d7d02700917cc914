/**
 * JSON.parse that keeps every digit of integers beyond ±2^53 (Shopify, Twitter and Discord ids): such an
 * integer becomes a string of its digits ("820982911946154508"); every other value parses as JSON.parse
 * would (duplicate keys, depth, errors alike). Text without a 16-digit run — nearly all — goes straight to
 * JSON.parse, so the hot path pays one regex test.
 *
 * A token-aware substitution rather than a lossless parser: lossless-json, the maintained one, refuses
 * duplicate keys and overflows the stack on deep nesting, both of which JSON.parse accepts.
 */
const LONG_DIGITS = /\d{16}/;
// A string literal (skipped whole), or a bare integer literal of 16+ digits that is not part of a
// fraction or an exponent.
const TOKEN = /"(?:[^"\\]|\\.)*"|(?<![\w.+-])-?\d{16,}(?![\w.])/g;

export function parseJsonExact(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  return JSON.parse(
    text.replace(TOKEN, (token) => (token[0] === '"' || Number.isSafeInteger(Number(token)) ? token : `"${token}"`)),
  );
}
