/** An audit row's change as readable lines: `field: before → after`, one per field that changed. */
export interface ChangeLine {
  field: string | null;
  before?: string;
  after?: string;
}

const MAX_VALUE = 300;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A value as a person reads it: text as is, nothing as "none", structures as compact JSON (long ones shortened). */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (typeof value === "string") return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  const json = JSON.stringify(value);
  return json.length > MAX_VALUE ? `${json.slice(0, MAX_VALUE)}…` : json;
}

/** "rateLimitPerSecond" → "rate limit per second", "write_key" → "write key". */
export const fieldLabel = (key: string) =>
  key
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();

export function describeChange(summary: { before?: unknown; after?: unknown } | null | undefined): ChangeLine[] {
  const before = summary?.before;
  const after = summary?.after;
  if (before === undefined && after === undefined) return [];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
    const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    return (changed.length ? changed : keys).map((k) => ({
      field: fieldLabel(k),
      ...(k in before ? { before: formatValue(before[k]) } : {}),
      ...(k in after ? { after: formatValue(after[k]) } : {}),
    }));
  }
  if (isRecord(after) && before === undefined)
    return Object.entries(after).map(([k, v]) => ({ field: fieldLabel(k), after: formatValue(v) }));
  if (isRecord(before) && after === undefined)
    return Object.entries(before).map(([k, v]) => ({ field: fieldLabel(k), before: formatValue(v) }));
  return [
    {
      field: null,
      ...(before !== undefined ? { before: formatValue(before) } : {}),
      ...(after !== undefined ? { after: formatValue(after) } : {}),
    },
  ];
}
