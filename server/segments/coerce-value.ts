/**
 * How a stored JSON value is read as a number, a date or a boolean — the one definition both evaluators follow
 * (compile-sql.ts spells the same rules in SQL; the regular expressions are shared as text). A value that does not
 * read cleanly is "not of that kind": it never errors a comparison, it just does not match.
 */

/**
 * Numbers: a JSON number, or a text of plain decimal digits (optional minus and fraction, at most 15 digits, so
 * JavaScript's double and Postgres' numeric read it as the same value). "1e3", " 7", "1,5" are not numbers.
 */
export const NUMERIC_TEXT = "^-?[0-9]+([.][0-9]+)?$";
export const MAX_NUMERIC_DIGITS = 15;
const numericText = new RegExp(NUMERIC_TEXT);

export function asNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && numericText.test(value) && value.replace(/[-.]/g, "").length <= MAX_NUMERIC_DIGITS)
    return Number(value);
  return null;
}

/**
 * Dates: a text in ISO 8601 — a date (2026-01-31, read as midnight UTC) or a date and time to the minute,
 * second or millisecond, with Z or ±hh:mm (none = UTC). The day must exist in its month. Numbers (epoch
 * seconds or milliseconds) are not dates: their unit is a guess.
 */
export const DATE_TEXT =
  "^([1-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])" +
  "(T([01][0-9]|2[0-3]):([0-5][0-9])(:([0-5][0-9])([.][0-9]{1,3})?)?(Z|[+-]([01][0-9]|2[0-3]):([0-5][0-9]))?)?$";
/** A date text that names its zone (else it is read in UTC). */
export const ZONED_DATE_TEXT = "(Z|[+-][0-9]{2}:[0-9]{2})$";
const dateText = new RegExp(DATE_TEXT);

export function asDate(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const m = dateText.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const hour = Number(m[5] ?? 0);
  const minute = Number(m[6] ?? 0);
  const second = Number(m[8] ?? 0);
  const millis = m[9] ? Math.round(Number(`0${m[9]}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (m[10] && m[10] !== "Z") offsetMinutes = (m[10][0] === "-" ? -1 : 1) * (Number(m[11]) * 60 + Number(m[12]));
  // Date.UTC maps years 0–99 to 1900s; the pattern starts years at 1000, so that never applies.
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/** Booleans: JSON true/false, or the texts "true"/"false" (as CSV enrichment stores them). */
export function asBoolean(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return null;
}

/**
 * Case folding as Postgres' lower() does it: each character on its own (no final-sigma rule: Σ is σ anywhere),
 * and İ is i (JavaScript would give i + a combining dot). Both evaluators fold both sides of a comparison.
 */
export const foldCase = (text: string): string =>
  Array.from(text, (ch) => (ch === "\u0130" ? "i" : ch.toLowerCase())).join("");

/** Present: neither missing nor JSON null. */
export const isPresent = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * The value at a dotted path of an event as sent (properties.product.category), as Postgres' `#>` finds it:
 * object keys by name, array elements by their index.
 */
export function valueAtPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const key of path.split(".")) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(key)) return undefined;
      current = current[Number(key)];
    } else if (typeof current === "object" && current !== null) {
      current = Object.hasOwn(current, key) ? (current as Record<string, unknown>)[key] : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}
