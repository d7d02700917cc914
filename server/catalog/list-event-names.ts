import { and, asc, eq, ne } from "drizzle-orm";
import { eventCatalog } from "@/db/schema";
import { privacyFor } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";

/**
 * Every event name (track, page, screen) the catalog has seen in the workspace, sorted, each once: what the
 * explorer's event filter offers. Names read through the PII policy, like the catalog itself.
 */
export async function listEventNames(scope: WorkspaceScope): Promise<string[]> {
  const rows = await scope.db
    .selectDistinct({ name: eventCatalog.eventName })
    .from(eventCatalog)
    .where(and(eq(eventCatalog.workspaceId, scope.workspaceId), ne(eventCatalog.eventName, "")))
    .orderBy(asc(eventCatalog.eventName));
  const privacy = privacyFor(scope.role);
  return [...new Set(rows.map((r) => privacy.text(r.name)))];
}
