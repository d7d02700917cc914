import type { EffectiveRules } from "./identity-rules";
import { normalizeIdentifier } from "./normalize-identifier";

export interface Identifier {
  type: string;
  value: string;
}

export interface SkippedIdentifier {
  type: string;
  reason: string;
}

export const identifierKey = (i: Identifier) => `${i.type}\u0000${i.value}`;

const get = (root: unknown, path: string[]): unknown => {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
};

/**
 * The identifiers an event carries, normalised, and those it carried that are not identifiers (with the reason):
 * userId → user_id; anonymousId, and an alias's previousId → anonymous_id; traits (or context.traits) email and
 * phone; custom types from context.externalIds and their configured paths. A value seen twice counts once.
 */
export function extractIdentifiers(
  raw: Record<string, unknown>,
  rules: EffectiveRules,
  isBlocked: (value: string) => boolean,
) {
  const candidates: { type: string; value: unknown }[] = [];
  const add = (type: string, value: unknown) => value !== undefined && candidates.push({ type, value });
  add("user_id", raw.userId);
  add("anonymous_id", raw.anonymousId);
  if (raw.type === "alias") add("anonymous_id", raw.previousId);
  for (const root of [raw.traits, get(raw, ["context", "traits"])]) {
    add("email", get(root, ["email"]));
    add("phone", get(root, ["phone"]));
  }
  const custom = new Set(rules.customTypes.map((c) => c.type));
  const externalIds = get(raw, ["context", "externalIds"]);
  if (Array.isArray(externalIds)) {
    for (const entry of externalIds) {
      const type = get(entry, ["type"]);
      if (typeof type === "string" && custom.has(type)) add(type, get(entry, ["id"]));
    }
  }
  for (const { type, paths } of rules.customTypes) for (const path of paths) add(type, get(raw, path.split(".")));

  const identifiers: Identifier[] = [];
  const skipped: SkippedIdentifier[] = [];
  const seen = new Set<string>();
  for (const { type, value } of candidates) {
    if (value === null) continue; // an absent identifier, not a malformed one
    const normalized = normalizeIdentifier(type, value, rules, isBlocked);
    if (!normalized.ok) {
      skipped.push({ type, reason: normalized.reason });
      continue;
    }
    const identifier = { type, value: normalized.value };
    if (seen.has(identifierKey(identifier))) continue;
    seen.add(identifierKey(identifier));
    identifiers.push(identifier);
  }
  return { identifiers, skipped };
}
