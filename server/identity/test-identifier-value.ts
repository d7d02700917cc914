import { privacyFor } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";
import { blockedEntryProblem, blockingEntry, partlyMatchingEntry } from "./blocked-value";
import { effectiveRules } from "./identity-rules";
import { readStoredRules } from "./load-identity-rules";
import { normalizeIdentifier } from "./normalize-identifier";
import type { TestIdentifierValueInput } from "./schema";

export interface IdentifierValueVerdict {
  verdict: "blocked" | "allowed" | "invalid";
  /** The value as resolution would store it (emails lower-cased, phones in E.164), when it is one. */
  normalized: string | null;
  message: string;
  /** Entries of the list tested that cannot be used (patterns RE2 refuses), with why: they block nothing. */
  unusable: { entry: string; problem: string }[];
}

/**
 * What identity resolution would do with `value` as an identifier of `type`: refuse it as malformed, block it
 * (naming the entry, built-in or the workspace's), or use it. Checked against the saved block list, or the
 * editor's unsaved one (`blocked`), with the pipeline's own normalisation and matching.
 */
export async function testIdentifierValue(
  scope: WorkspaceScope,
  input: TestIdentifierValueInput,
): Promise<IdentifierValueVerdict> {
  const { rules: stored } = await readStoredRules(scope.db, scope.workspaceId);
  const rules = effectiveRules({ ...stored, defaultCountry: input.defaultCountry ?? stored.defaultCountry });
  // Roles without pii:read read personal values masked everywhere, even one they typed themselves; and the
  // workspace's entries too (they may hold someone's email).
  const privacy = privacyFor(scope.role);
  const own = input.blocked ?? stored.blocked;
  const unusable = own.flatMap((entry) => {
    const problem = blockedEntryProblem(entry);
    return problem ? [{ entry: privacy.text(entry), problem: privacy.text(problem) }] : [];
  });
  const answer = (verdict: IdentifierValueVerdict["verdict"], normalized: string | null, message: string) => ({
    verdict,
    normalized,
    message,
    unusable,
  });

  const normalized = normalizeIdentifier(input.type, input.value, rules, () => false);
  if (!normalized.ok) return answer("invalid", null, `Not an identifier: ${privacy.text(normalized.reason)}.`);
  const value = normalized.value;
  const shown = privacy.text(value);
  const readAs = value !== input.value.trim() ? ` (read as ${shown})` : "";
  const hit = blockingEntry(value, own);
  if (!hit) {
    const partly = partlyMatchingEntry(value, own);
    const hint = partly
      ? ` The pattern ${privacy.text(partly)} matches only part of it: a pattern must match the whole value (add .* where anything may follow).`
      : "";
    return answer("allowed", shown, `Not blocked: it would be used as ${input.type}${readAs}.${hint}`);
  }
  const entry = hit.builtIn ? hit.entry : privacy.text(hit.entry);
  const whose = hit.builtIn ? "built-in" : "workspace's";
  const how =
    hit.kind === "pattern"
      ? `it matches the ${whose} pattern ${entry}`
      : `it is the ${whose} blocked value ${entry} (letter case aside)`;
  return answer("blocked", shown, `Blocked${readAs}: ${how}.`);
}
