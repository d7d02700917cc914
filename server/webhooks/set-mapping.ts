import { and, eq } from "drizzle-orm";
import { sources } from "@/db/schema";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceScope } from "../scope";
import { compileMapping } from "./evaluate-mapping";
import { loadWebhookSource } from "./load-webhook-source";
import type { SetMappingInput } from "./schema";

/**
 * Saves a webhook source's mapping once it compiles (a syntax error is refused with its position). The next
 * delivery uses it; kept deliveries are re-mapped only when replayed.
 */
export async function setMapping(scope: WorkspaceScope, input: SetMappingInput) {
  const mapping = input.mapping?.trim() ? input.mapping : null;
  if (mapping !== null) {
    const compiled = compileMapping(mapping);
    if (!compiled.ok) throw new AppError("BAD_REQUEST", `The mapping does not compile: ${compiled.error}`);
  }
  return scope.db.transaction(async (tx) => {
    const before = await loadWebhookSource(tx, scope.workspaceId, input.sourceId, true);
    const settings = { ...before.settings };
    if (mapping === null) delete settings.mapping;
    else settings.mapping = mapping;
    await tx
      .update(sources)
      .set({ settings, updatedAt: new Date() })
      .where(and(eq(sources.workspaceId, scope.workspaceId), eq(sources.id, input.sourceId)));
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "webhook.set_mapping",
      targetType: "source",
      targetId: input.sourceId,
      before: { mapping: before.settings.mapping ?? null },
      after: { mapping },
    });
    return { sourceId: input.sourceId, mapping };
  });
}
