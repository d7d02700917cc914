import type { LoadedRules } from "../identity/load-identity-rules";
import { normalizeIdentifier } from "../identity/normalize-identifier";
import { coerceCell, parseTimestamp } from "../imports/cell-values";
import type { EnrichmentMapping } from "./schema";

/** A trait value longer than this (as text) makes its row invalid: enrichment is for attributes, not documents. */
export const MAX_TRAIT_VALUE_CHARS = 8_192;

export interface TraitColumn {
  column: string;
  name: string;
}

export type PreparedRow =
  { ok: true; key: string; traits: { name: string; value: unknown }[]; asOf: string } | { ok: false; reason: string };

const quoted = (text: string) => `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;

/** The trait columns of a mapping against a file's columns: those named, or every column but the key and date. */
export function traitColumns(mapping: EnrichmentMapping, columns: string[]): TraitColumn[] {
  if (mapping.traits) return mapping.traits.map((t) => ({ column: t.column, name: t.name ?? t.column }));
  return columns
    .filter((c) => c !== mapping.keyColumn && c !== mapping.asOfColumn)
    .map((column) => ({ column, name: column }));
}

/**
 * A cell as a trait value: text is trimmed and read like an import's cells (unambiguous numbers, true and
 * false); an empty cell gives no value. Values that arrive typed (applyEnrichment's rows) keep their type.
 */
export function cellValue(cell: unknown): unknown {
  if (cell === undefined || cell === null) return undefined;
  if (typeof cell === "string") {
    const text = cell.trim();
    return text === "" ? undefined : coerceCell(text);
  }
  if (typeof cell === "number" && !Number.isFinite(cell)) return undefined;
  return cell;
}

/**
 * One row of an enrichment file: its key normalised like the pipeline's identifiers (an email lower-cased,
 * a phone to E.164, blocked and over-long values refused), its trait values, and its "as of" time (the date
 * column, else `defaultAsOf`). A row that cannot be applied comes with the reason, for the report.
 */
export function prepareRow(
  record: Record<string, unknown>,
  mapping: EnrichmentMapping,
  columns: TraitColumn[],
  rules: LoadedRules,
  defaultAsOf: string,
): PreparedRow {
  const rawKey = record[mapping.keyColumn];
  if (rawKey === undefined || rawKey === null || (typeof rawKey === "string" && rawKey.trim() === ""))
    return { ok: false, reason: `the key column "${mapping.keyColumn}" is empty` };
  const key = normalizeIdentifier(mapping.keyType, rawKey, rules.rules, rules.isBlocked);
  if (!key.ok) return { ok: false, reason: key.reason };

  let asOf = defaultAsOf;
  if (mapping.asOfColumn) {
    const cell = record[mapping.asOfColumn];
    if (cell === undefined || cell === null || String(cell).trim() === "")
      return { ok: false, reason: `the date column "${mapping.asOfColumn}" is empty` };
    const date = parseTimestamp(typeof cell === "string" ? cell.trim() : cell);
    if (!date)
      return { ok: false, reason: `${quoted(String(cell))} in "${mapping.asOfColumn}" is not a date (use ISO 8601)` };
    asOf = date.toISOString();
  }

  const traits: { name: string; value: unknown }[] = [];
  for (const { column, name } of columns) {
    const value = cellValue(record[column]);
    if (value === undefined) continue;
    const length = typeof value === "string" ? value.length : JSON.stringify(value).length;
    if (length > MAX_TRAIT_VALUE_CHARS)
      return { ok: false, reason: `the value of "${column}" is longer than ${MAX_TRAIT_VALUE_CHARS} characters` };
    traits.push({ name, value });
  }
  return { ok: true, key: key.value, traits, asOf };
}
