import { isSupportedCountry } from "libphonenumber-js";
import { blockedEntryProblem } from "./blocked-value";
import { BUILT_IN_TYPES, DEFAULT_BLOCKED, type IdentityRules } from "./identity-rules";

/**
 * What the zod schema cannot know about a workspace's rules: block-list patterns RE2 refuses, entries listed
 * twice or already built in, limits and priorities of types that do not exist, a country phone numbers cannot
 * be read for, and source ids that are neither this workspace's sources nor its enrichment files. Each problem names its field, as zod's do.
 */
export function identityRulesProblems(rules: IdentityRules, sourceIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const types = new Set<string>([...BUILT_IN_TYPES, ...rules.customTypes.map((c) => c.type)]);
  const noType = (type: string) => `there is no identifier type ${type} (add it under identifier types first)`;

  const builtIn = new Set(DEFAULT_BLOCKED.map((e) => e.toLowerCase()));
  const seen = new Set<string>();
  rules.blocked.forEach((entry, i) => {
    const key = entry.toLowerCase();
    const problem = blockedEntryProblem(entry);
    if (problem) problems.push(`blocked.${i}: ${problem}`);
    else if (builtIn.has(key)) problems.push(`blocked.${i}: ${entry} is blocked already (built in)`);
    else if (seen.has(key)) problems.push(`blocked.${i}: ${entry} is listed twice`);
    seen.add(key);
  });

  for (const type of Object.keys(rules.limits)) if (!types.has(type)) problems.push(`limits.${type}: ${noType(type)}`);
  rules.priority.forEach((type, i) => {
    if (!types.has(type)) problems.push(`priority.${i}: ${noType(type)}`);
  });
  rules.customTypes.forEach(({ paths }, i) => {
    if (new Set(paths).size !== paths.length) problems.push(`customTypes.${i}.paths: a path is listed twice`);
  });

  if (!isSupportedCountry(rules.defaultCountry))
    problems.push(`defaultCountry: ${rules.defaultCountry} is not a country phone numbers can be read for`);

  rules.survivorship.sourcePriority.forEach((id, i) => {
    if (!sourceIds.has(id))
      problems.push(`survivorship.sourcePriority.${i}: no source or enrichment file ${id} in this workspace`);
  });
  return problems;
}
