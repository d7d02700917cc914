import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sources } from "@/db/schema";
import { listEnrichmentSources } from "../enrichment/list-enrichment-sources";
import { piiKinds } from "../privacy/pii-policy";
import { privacyFor } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";
import { BUILT_IN_IDENTIFIERS, CUSTOM_TYPES_ALSO_READ_FROM } from "./built-in-identifiers";
import { DEFAULT_BLOCKED, DEFAULT_LIMITS, SURVIVORSHIP_STRATEGIES, effectiveRules } from "./identity-rules";
import { listTraitNames } from "./list-trait-names";
import { readStoredRules } from "./load-identity-rules";
import { phoneCountries } from "./phone-countries";

/**
 * What a source-priority order can rank: the workspace's sources, then its enrichment files (a file's id is
 * the source id of the trait values it gave), each by name.
 */
export async function listRuleSources(db: Db, workspaceId: string) {
  const [own, files] = await Promise.all([
    db
      .select({ id: sources.id, name: sources.name, type: sources.type })
      .from(sources)
      .where(eq(sources.workspaceId, workspaceId))
      .orderBy(asc(sources.name)),
    listEnrichmentSources(db, workspaceId),
  ]);
  return [...own, ...files];
}

/**
 * Everything the Identity rules page shows: the workspace's own rules (and the version an edit starts from),
 * the effective rules they make with the defaults, the built-in types, blocked values and limits, and the
 * choices an editor picks from (countries, sources, the trait names stored on profiles).
 * Roles without pii:read get the workspace's blocked values masked, and no trait name that holds personal data.
 */
export async function getIdentityRules(scope: WorkspaceScope) {
  const privacy = privacyFor(scope.role);
  const [stored, ruleSources, traitNames] = await Promise.all([
    readStoredRules(scope.db, scope.workspaceId),
    listRuleSources(scope.db, scope.workspaceId),
    listTraitNames(scope.db, scope.workspaceId),
  ]);
  const rules = privacy.readsPii ? stored.rules : { ...stored.rules, blocked: stored.rules.blocked.map(privacy.text) };
  return {
    rules,
    version: stored.version,
    unreadable: stored.unreadable,
    effective: effectiveRules(rules),
    builtIn: {
      identifiers: BUILT_IN_IDENTIFIERS,
      customAlsoReadFrom: CUSTOM_TYPES_ALSO_READ_FROM,
      blocked: DEFAULT_BLOCKED,
      limits: DEFAULT_LIMITS,
    },
    strategies: SURVIVORSHIP_STRATEGIES,
    countries: phoneCountries(),
    sources: ruleSources,
    traitNames: privacy.readsPii ? traitNames : traitNames.filter((name) => piiKinds(name).length === 0),
  };
}
export type IdentityRulesView = Awaited<ReturnType<typeof getIdentityRules>>;
