/**
 * How the text of a CSV cell is read. Only unambiguous spellings become numbers: no leading zeros (zip
 * codes, ids stay text), no "+" (phone numbers), at most 15 integer digits (exact in a double).
 */
const NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,12})?$/;

export function coerceCell(text: string): string | number | boolean {
  if (NUMBER.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  return text;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const UNIX = /^-?\d{1,15}(?:\.\d+)?$/;

/**
 * A timestamp cell: ISO-8601 (a space may replace the T; without an offset it is UTC, never the server's
 * local time), a date alone (midnight UTC), or Unix time — seconds, or milliseconds when the number is
 * past 10^11 (the year 5138 in seconds). Anything else is null.
 */
export function parseTimestamp(value: unknown): Date | null {
  let date: Date | null = null;
  if (typeof value === "number" || (typeof value === "string" && UNIX.test(value.trim()))) {
    const n = Number(value);
    if (Number.isFinite(n)) date = new Date(Math.abs(n) >= 1e11 ? n : n * 1000);
  } else if (typeof value === "string") {
    const text = value.trim();
    const match = DATE_TIME.exec(text);
    if (DATE_ONLY.test(text)) date = new Date(`${text}T00:00:00Z`);
    else if (match) {
      const zone = match[3]
        ? match[3]
            .toUpperCase()
            .replace(/^([+-]\d{2})(\d{2})$/, "$1:$2")
            .replace(/^([+-]\d{2})$/, "$1:00")
        : "Z";
      date = new Date(`${match[1]}T${match[2]}${zone}`);
    }
  }
  if (!date || Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  return year >= 1970 && year <= 9999 ? date : null;
}
