import { isIPv4, isIPv6 } from "node:net";

/**
 * The one PII policy of the product: which keys and which values are personal data. Events, profiles,
 * imports and webhook deliveries are all masked by it (see mask-pii.ts), so a rule added here applies to
 * every place a role without pii:read reads customer data.
 */

/** Keys compared without case and without separators: first_name, firstName and "First Name" are one key. */
export const normalizeKey = (key: string) => key.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Keys whose value is personal wherever they appear. */
const PERSONAL_KEYS = new Set([
  "email",
  "emailaddress",
  "mail",
  "phone",
  "phonenumber",
  "tel",
  "telephone",
  "mobile",
  "mobilenumber",
  "mobilephone",
  "cell",
  "cellphone",
  "fax",
  "fullname",
  "firstname",
  "lastname",
  "middlename",
  "givenname",
  "familyname",
  "surname",
  "username",
  "nickname",
  "displayname",
  "address",
  "addressline1",
  "addressline2",
  "street",
  "streetaddress",
  "city",
  "postalcode",
  "postcode",
  "zip",
  "zipcode",
  "ip",
  "ipaddress",
  "birthday",
  "birthdate",
  "dateofbirth",
  "dob",
  "ssn",
  "socialsecuritynumber",
  "passport",
  "avatar",
]);

/** billing_email, workPhone, shippingAddress, customerFirstName …: the key ends with a personal one. */
const PERSONAL_SUFFIXES = [
  "email",
  "emailaddress",
  "phone",
  "phonenumber",
  "mobile",
  "firstname",
  "lastname",
  "fullname",
  "address",
  "street",
];

/** customerName, user_name, contact-name …: a person's name, unlike productName or pageName. */
const PERSON_NAME = /^(user|customer|contact|person|buyer|recipient|sender|member|owner|billing|shipping)name$/;

/** `name` names a person only inside these (traits.name, context.traits.name, user.name); elsewhere it names a product or page. */
const PERSON_CONTAINERS = new Set([
  "traits",
  "user",
  "customer",
  "contact",
  "person",
  "profile",
  "member",
  "buyer",
  "billing",
  "shipping",
  "recipient",
  "sender",
]);

/** Whether the value under `key` (found inside `parent`, the nearest enclosing key) is personal. */
export function isPersonalKey(key: string, parent: string | null): boolean {
  const k = normalizeKey(key);
  if (k === "name") return parent !== null && PERSON_CONTAINERS.has(normalizeKey(parent));
  return (
    PERSONAL_KEYS.has(k) ||
    PERSON_NAME.test(k) ||
    PERSONAL_SUFFIXES.some((suffix) => k.length > suffix.length && k.endsWith(suffix))
  );
}

export type PiiKind = "email" | "phone" | "ip";

/** Unicode letters and digits are allowed in both halves, as mail systems allow them. */
const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/**
 * A phone number: "+" and 8–15 digits, or digit groups with spaces, dashes or a bracketed area code
 * ("(555) 123-4567", "555-123-4567"). Bare digit runs are not phones (order numbers, epoch times), nor
 * are dates, times or thousands grouped by spaces; a phone under a phone key is masked by its key anyway.
 */
const PHONE =
  /(?<![\p{L}\p{N}._+:-])(?:\+\s?\d[\d\s().-]{6,}\d|\(\d{1,5}\)\s?\d[\d\s-]{4,}\d|\d{1,5}[\s-]\d{2,5}(?:[\s-]\d{2,5})+)(?![\p{L}\p{N}:])/gu;
const DATE_LIKE = /^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}-\d{1,2}-\d{2,4}$/;
/** 30 000 000: thousands grouped with spaces, a number rather than a phone. */
const THOUSANDS = /^\d{1,3}(?: \d{3})+$/;
const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;
/** Candidates only; node:net decides. */
const IPV6 = /(?<![\p{L}\p{N}:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%[\w.]+)?(?![\p{L}\p{N}:])/gu;

function isPhone(text: string): boolean {
  const digits = text.replace(/\D/g, "").length;
  const trimmed = text.trim();
  return (
    digits >= 7 && digits <= 15 && !DATE_LIKE.test(trimmed) && (trimmed.startsWith("+") || !THOUSANDS.test(trimmed))
  );
}

interface Finding {
  kind: PiiKind;
  start: number;
  end: number;
}

/** Every email address, IP address and phone number inside a text, in order, without overlaps. */
export function findPii(text: string): Finding[] {
  const found: Finding[] = [];
  const add = (kind: PiiKind, pattern: RegExp, accept: (match: string) => boolean) => {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!accept(m[0]) || found.some((f) => start < f.end && f.start < end)) continue;
      found.push({ kind, start, end });
    }
  };
  add("email", EMAIL, () => true);
  add("ip", IPV4, (m) => isIPv4(m));
  add("ip", IPV6, (m) => /[0-9A-Fa-f]/.test(m) && isIPv6(m.replace(/%.*$/, "")));
  add("phone", PHONE, (m) => isPhone(m));
  return found.sort((a, b) => a.start - b.start);
}

/** What a role without pii:read sees instead: the kind of value is still recognisable, nothing of it is. */
export const MASKS: Record<PiiKind | "value", string> = {
  email: "•••@•••",
  phone: "••• ••• ••••",
  ip: "•••.•••.•••.•••",
  value: "••••••",
};

/** The kinds of personal data in a text (for refusing a search by them). */
export const piiKinds = (text: string): PiiKind[] => [...new Set(findPii(text).map((f) => f.kind))];
