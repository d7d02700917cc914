import type { Db } from "@/db/client";
import { DEFAULT_RULES, effectiveRules, type EffectiveRules } from "../identity/identity-rules";
import { loadIdentityRules } from "../identity/load-identity-rules";

/**
 * The identity rules a lookup needs. user_id, anonymous_id and email normalise the same in every workspace,
 * so they need no read; phones (default country) and custom types read the workspace's rules, remembered for
 * RULES_MS per workspace (a rules change reaches the API within that time).
 */
const RULES_MS = 5_000;
const FIXED_TYPES = new Set(["user_id", "anonymous_id", "email"]);
const DEFAULTS = effectiveRules(DEFAULT_RULES);

const holder = globalThis as typeof globalThis & {
  __cdpProfileApiRules?: Map<string, { rules: EffectiveRules; until: number }>;
};
const cache = () => (holder.__cdpProfileApiRules ??= new Map());

export async function rulesForLookup(db: Db, workspaceId: string, type: string): Promise<EffectiveRules> {
  if (FIXED_TYPES.has(type)) return DEFAULTS;
  const hit = cache().get(workspaceId);
  if (hit && hit.until > Date.now()) return hit.rules;
  const { rules } = await loadIdentityRules(db, workspaceId);
  if (cache().size >= 10_000) cache().clear();
  cache().set(workspaceId, { rules, until: Date.now() + RULES_MS });
  return rules;
}
