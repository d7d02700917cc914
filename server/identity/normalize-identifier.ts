import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { RE2JS } from "re2js";
import type { EffectiveRules } from "./identity-rules";

export const MAX_IDENTIFIER_LENGTH = 255;

export type Normalized = { ok: true; value: string } | { ok: false; reason: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A compiled block-list: exact values (case-insensitive) and /regex/ entries, run on RE2 (linear time). */
export function blockList(entries: string[]): (value: string) => boolean {
  const exact = new Set<string>();
  const patterns: RE2JS[] = [];
  for (const entry of entries) {
    const regex = /^\/(.+)\/$/.exec(entry);
    if (regex) patterns.push(RE2JS.compile(regex[1], RE2JS.CASE_INSENSITIVE));
    else exact.add(entry.toLowerCase());
  }
  return (value) => exact.has(value.toLowerCase()) || patterns.some((p) => p.matcher(value).matches());
}

/**
 * One raw value as an identifier of `type`, or the reason it is not one: only strings and finite numbers,
 * at most 255 characters; emails trimmed and lower-cased; phones to E.164 (the workspace's default country
 * for national numbers); blocked values refused.
 */
export function normalizeIdentifier(
  type: string,
  raw: unknown,
  rules: EffectiveRules,
  isBlocked: (value: string) => boolean,
): Normalized {
  if (typeof raw !== "string" && !(typeof raw === "number" && Number.isFinite(raw))) {
    return {
      ok: false,
      reason: `${type} must be a string or a number, not ${raw === null ? "null" : Array.isArray(raw) ? "an array" : typeof raw}`,
    };
  }
  let value = String(raw).trim();
  if (value === "") return { ok: false, reason: `${type} is empty` };
  if (value.length > MAX_IDENTIFIER_LENGTH)
    return { ok: false, reason: `${type} is longer than ${MAX_IDENTIFIER_LENGTH} characters` };
  if (type === "email") {
    value = value.toLowerCase();
    if (!EMAIL.test(value)) return { ok: false, reason: "email is not an email address" };
  } else if (type === "phone") {
    const phone = parsePhoneNumberFromString(value, rules.defaultCountry as CountryCode);
    if (!phone?.isPossible()) return { ok: false, reason: `phone "${value.slice(0, 40)}" is not a phone number` };
    value = phone.number;
  }
  if (isBlocked(value)) return { ok: false, reason: `${type} "${value.slice(0, 40)}" is on the block list` };
  return { ok: true, value };
}
