import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { identitySettings } from "@/db/schema";
import { DEFAULT_RULES, effectiveRules, identityRulesSchema, type EffectiveRules } from "./identity-rules";
import { blockList } from "./normalize-identifier";

export interface LoadedRules {
  rules: EffectiveRules;
  isBlocked: (value: string) => boolean;
}

/** A workspace's identity rules, re-validated on read; the defaults when it has none (or they no longer parse). */
export async function loadIdentityRules(db: Db, workspaceId: string): Promise<LoadedRules> {
  const [row] = await db
    .select({ rules: identitySettings.rules })
    .from(identitySettings)
    .where(eq(identitySettings.workspaceId, workspaceId));
  const parsed = row ? identityRulesSchema.safeParse(row.rules) : null;
  const rules = effectiveRules(parsed?.success ? parsed.data : DEFAULT_RULES);
  return { rules, isBlocked: blockList(rules.blocked) };
}
