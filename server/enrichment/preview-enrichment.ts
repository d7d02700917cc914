import { sql } from "drizzle-orm";
import { rows } from "@/db/client";
import { loadIdentityRules } from "../identity/load-identity-rules";
import { privacyFor } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";
import { prepareRow, traitColumns } from "./prepare-row";
import { checkMapping, keyTypesOf } from "./run-enrichment";
import type { PreviewEnrichmentInput } from "./schema";

/** The identifier types a file may be keyed by in this workspace (the key type picker's choices). */
export async function enrichmentKeyTypes(scope: WorkspaceScope) {
  return keyTypesOf(await loadIdentityRules(scope.db, scope.workspaceId));
}

/**
 * How the first rows of a file would be applied, before it is uploaded: each row's key as it would be matched
 * (normalised), whether a profile has it, the typed trait values, or why the row is invalid. Writes nothing.
 * The mapping is checked as the upload checks it (same messages).
 */
export async function previewEnrichment(scope: WorkspaceScope, input: PreviewEnrichmentInput) {
  const rules = await loadIdentityRules(scope.db, scope.workspaceId);
  checkMapping({ fileName: "preview", mapping: input.mapping }, input.columns, rules);
  const columns = traitColumns(input.mapping, input.columns);
  const asOf = new Date().toISOString();
  const prepared = input.rows.map((cells) => {
    const record = Object.fromEntries(input.columns.map((c, i) => [c, cells[i] ?? ""]));
    return prepareRow(record, input.mapping, columns, rules, asOf);
  });
  const keys = [...new Set(prepared.flatMap((p) => (p.ok ? [p.key] : [])))];
  const known = new Set(
    keys.length === 0
      ? []
      : (
          await rows<{ value: string }>(
            scope.db,
            sql`SELECT value FROM identities WHERE workspace_id = ${scope.workspaceId} AND type = ${input.mapping.keyType}
                AND value IN (SELECT value FROM json_array_elements_text(${JSON.stringify(keys)}::json))`,
          )
        ).map((r) => r.value),
  );
  const privacy = privacyFor(scope.role);
  return {
    traits: columns,
    rows: prepared.map((p, i) =>
      p.ok
        ? {
            line: i + 2,
            status: known.has(p.key)
              ? ("matched" as const)
              : input.mapping.createProfiles
                ? ("new" as const)
                : ("unmatched" as const),
            key: privacy.id(p.key),
            asOf: new Date(p.asOf),
            traits: p.traits.map((t) => ({ name: t.name, value: privacy.value(t.value) })),
            reason: null,
          }
        : {
            line: i + 2,
            status: "invalid" as const,
            key: null,
            asOf: null,
            traits: [],
            reason: privacy.text(p.reason),
          },
    ),
  };
}
