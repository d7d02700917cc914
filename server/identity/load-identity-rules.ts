import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { identitySettings } from "@/db/schema";
import { isoTime } from "@/db/iso-time";
import {
  DEFAULT_RULES,
  effectiveRules,
  identityRulesSchema,
  type EffectiveRules,
  type IdentityRules,
} from "./identity-rules";
import { blockedEntryProblem } from "./blocked-value";
import { blockList } from "./normalize-identifier";

export interface StoredRules {
  /** The workspace's own rules; the defaults when it has none (or they no longer parse). */
  rules: IdentityRules;
  /** When they were last saved (exact, microseconds): the version an editor starts from; null when never saved. */
  version: string | null;
  /** Why the saved rules were not used (they no longer pass the schema), or null. */
  unreadable: string | null;
}

/** A workspace's saved identity rules, re-validated on read. */
export async function readStoredRules(db: Db, workspaceId: string): Promise<StoredRules> {
  const [row] = await db
    .select({ rules: identitySettings.rules, version: isoTime(sql`${identitySettings.updatedAt}`) })
    .from(identitySettings)
    .where(eq(identitySettings.workspaceId, workspaceId));
  if (!row) return { rules: DEFAULT_RULES, version: null, unreadable: null };
  const parsed = identityRulesSchema.safeParse(row.rules);
  if (parsed.success) return { rules: parsed.data, version: row.version as string, unreadable: null };
  const why = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  return { rules: DEFAULT_RULES, version: row.version as string, unreadable: why };
}

export interface LoadedRules {
  rules: EffectiveRules;
  isBlocked: (value: string) => boolean;
}

/**
 * A workspace's effective identity rules, read afresh for each batch, so a change applies to the events
 * processed after it is saved. Block-list entries that do not compile are left out rather than stopping the
 * pipeline (the update refuses them; this guards rows written some other way).
 */
export async function loadIdentityRules(db: Db, workspaceId: string): Promise<LoadedRules> {
  const { rules: stored } = await readStoredRules(db, workspaceId);
  const rules = effectiveRules(stored);
  return { rules, isBlocked: blockList(rules.blocked.filter((entry) => blockedEntryProblem(entry) === null)) };
}
