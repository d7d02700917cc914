/**
 * Hides personal data from roles without `pii:read`: string values under personal keys (email, phone,
 * names, addresses, IP …) and any string that looks like an email address, at any depth. Ids stay
 * readable so events can still be followed per user.
 */
export const MASK = "••••••";

const PII_KEYS = new Set([
  "email", "phone", "mobile", "firstname", "lastname", "fullname", "username", "address", "street",
  "city", "postalcode", "zip", "zipcode", "birthday", "dateofbirth", "ip", "ssn", "avatar",
]);
// Product and page "name"s are not personal: "name" counts only inside traits or a user object.
const PERSON_CONTAINERS = new Set(["traits", "user", "customer", "address", "billing", "shipping"]);
const EMAIL = /[^\s@"]+@[^\s@"]+\.[^\s@"]+/;
const EMAIL_GLOBAL = new RegExp(EMAIL.source, "g");

const normalizeKey = (key: string) => key.toLowerCase().replace(/[_\-\s]/g, "");

function isPersonalKey(key: string, parent: string | null): boolean {
  const k = normalizeKey(key);
  if (k === "name") return parent !== null && PERSON_CONTAINERS.has(normalizeKey(parent));
  return PII_KEYS.has(k);
}

export function maskValue(value: unknown, key: string | null = null, parent: string | null = null): unknown {
  if (typeof value === "string") return (key !== null && isPersonalKey(key, parent)) || EMAIL.test(value) ? MASK : value;
  if (Array.isArray(value)) return value.map((item) => maskValue(item, null, key ?? parent));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v, k, key ?? parent)]));
  }
  return value;
}

/** For text that may not be JSON (a refused payload): emails only. */
export const maskText = (text: string) => text.replace(EMAIL_GLOBAL, MASK);

/** A user id that is itself an email is personal too. */
export const maskId = (id: string | null) => (id !== null && EMAIL.test(id) ? MASK : id);
