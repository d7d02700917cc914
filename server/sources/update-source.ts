import { and, eq } from "drizzle-orm";
import { sources } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors";
import type { WorkspaceScope } from "../scope";
import { loadSource } from "./get-source";
import { publicSource } from "./public-source";
import { forgetSourceKeys } from "./source-by-write-key";
import type { UpdateSourceInput } from "./schema";

/** Renames, enables or disables a source, or sets its rate limit. */
export async function updateSource(scope: WorkspaceScope, input: UpdateSourceInput) {
  const result = await scope.db.transaction(async (tx) => {
    const before = await loadSource(tx, scope.workspaceId, input.sourceId, true);
    const settings = { ...before.settings };
    if (input.rateLimitPerSecond !== undefined) {
      // Files arrive as uploads and imports, not as a stream of requests.
      if (before.type === "file" && input.rateLimitPerSecond !== null)
        throw new AppError("BAD_REQUEST", "A file source has no rate limit: it receives uploads, not requests");
      if (input.rateLimitPerSecond === null) delete settings.rateLimitPerSecond;
      else settings.rateLimitPerSecond = input.rateLimitPerSecond;
    }
    const [after] = await tx
      .update(sources)
      .set({
        name: input.name ?? before.name,
        enabled: input.enabled ?? before.enabled,
        settings,
        updatedAt: new Date(),
      })
      .where(and(eq(sources.workspaceId, scope.workspaceId), eq(sources.id, input.sourceId)))
      .returning();
    const summary = (s: typeof before) => ({
      name: s.name,
      enabled: s.enabled,
      rateLimitPerSecond: s.settings.rateLimitPerSecond ?? null,
    });
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "source.update",
      targetType: "source",
      targetId: after.id,
      before: summary(before),
      after: summary(after),
    });
    return publicSource(after);
  });
  forgetSourceKeys();
  return result;
}
