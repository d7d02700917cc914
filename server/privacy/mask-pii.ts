import { MASKS, findPii, isPersonalKey } from "./pii-policy";

/**
 * Masking by the PII policy, keeping the shape of what is masked: objects keep their keys, arrays their
 * length, text its words around the masked parts. An email shows as "•••@•••": neither the person nor the
 * domain (a company's or a family's own domain names them as surely as the address does).
 */

/** Every email, phone number and IP address inside a text replaced by its mask. */
export function maskText(text: string): string {
  const found = findPii(text);
  if (found.length === 0) return text;
  let out = "";
  let at = 0;
  for (const f of found) {
    out += text.slice(at, f.start) + MASKS[f.kind];
    at = f.end;
  }
  return out + text.slice(at);
}

/** An id (userId, anonymousId) that is itself an email or a phone number is personal too. */
export const maskId = <T extends string | null>(id: T): T => (id === null ? id : (maskText(id) as T));

/** Every leaf of a personal value: strings and numbers masked, booleans and nulls kept, shape kept. */
function maskAll(value: unknown): unknown {
  if (typeof value === "string") return value === "" ? value : MASKS.value;
  if (typeof value === "number" || typeof value === "bigint") return MASKS.value;
  if (Array.isArray(value)) return value.map(maskAll);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskText(k), maskAll(v)]));
  return value;
}

/**
 * A JSON value masked at any depth: whatever sits under a personal key (its whole subtree), and every
 * email, phone number or IP address inside any other string, including object keys.
 */
export function maskValue(value: unknown, key: string | null = null, parent: string | null = null): unknown {
  if (key !== null && isPersonalKey(key, parent)) return maskAll(value);
  if (typeof value === "string") return maskText(value);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, null, key ?? parent));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      let name = maskText(k);
      for (let n = 2; name !== k && Object.hasOwn(out, name); n++) name = `${maskText(k)} (${n})`;
      out[name] = maskValue(v, k, key ?? parent);
    }
    return out;
  }
  return value;
}

/** A catalog path ("properties.invitees.jane@example.com") with personal segments masked. */
export const maskPath = (path: string) => maskText(path);

/** A raw input line (an import row): a JSON object is masked as a value, any other text (CSV) by value shape. */
export function maskLine(line: string): string {
  const text = line.trim();
  if (text.startsWith("{") || text.startsWith("[")) {
    try {
      return JSON.stringify(maskValue(JSON.parse(text)));
    } catch {
      // not JSON after all: masked as text below
    }
  }
  return maskText(line);
}
