import { sql } from "drizzle-orm";
import { identitySettings } from "@/db/schema";
import { isoTime } from "@/db/iso-time";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors";
import type { WorkspaceScope } from "../scope";
import { identityRulesProblems } from "./check-identity-rules";
import { describeIdentityRules } from "./describe-identity-rules";
import { listRuleSources } from "./get-identity-rules";
import { readStoredRules } from "./load-identity-rules";
import type { UpdateIdentityRulesInput } from "./schema";

/**
 * Replaces the workspace's identity rules with `input`, whole, after the checks the schema cannot make
 * (identityRulesProblems). The identity consumer reads the rules for each batch, so they apply to the events
 * processed from the commit on; events already resolved keep their profiles. A save over a version other
 * than `baseVersion` is refused (CONFLICT). Unchanged rules are not written again.
 */
export async function updateIdentityRules(scope: WorkspaceScope, input: UpdateIdentityRulesInput) {
  const { baseVersion, ...rules } = input;
  return scope.db.transaction(async (tx) => {
    // One writer per workspace at a time, including the first save (there is no row to lock yet).
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`identity-rules:${scope.workspaceId}`}, 0))`);
    const before = await readStoredRules(tx, scope.workspaceId);
    if (baseVersion !== undefined && baseVersion !== before.version) {
      throw new AppError(
        "CONFLICT",
        "Someone else saved the identity rules after you opened them. Reload the page to see their changes, then make yours again.",
      );
    }
    const ruleSources = await listRuleSources(tx, scope.workspaceId);
    const problems = identityRulesProblems(rules, new Set(ruleSources.map((s) => s.id)));
    if (problems.length > 0) throw new AppError("BAD_REQUEST", problems.join("; "));
    if (JSON.stringify(rules) === JSON.stringify(before.rules) && before.unreadable === null)
      return { version: before.version, changed: false };

    const [saved] = await tx
      .insert(identitySettings)
      .values({ workspaceId: scope.workspaceId, rules, updatedAt: new Date() })
      .onConflictDoUpdate({ target: identitySettings.workspaceId, set: { rules, updatedAt: new Date() } })
      .returning({ version: isoTime(sql`${identitySettings.updatedAt}`) });
    const names = new Map(ruleSources.map((s) => [s.id, s.name]));
    const name = (id: string) => names.get(id) ?? "a deleted source";
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "identity.rules_update",
      targetType: "workspace",
      targetId: scope.workspaceId,
      before: describeIdentityRules(before.rules, name),
      after: describeIdentityRules(rules, name),
    });
    return { version: saved.version as string, changed: true };
  });
}
