import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { enrichmentFiles } from "@/db/schema";

/**
 * The workspace's enrichment files (a file stopped partway gave values too) as sources of trait values, in the shape of listRuleSources
 * (server/identity/get-identity-rules.ts): what a survivorship sourcePriority order may list beside sources.
 */
export const listEnrichmentSources = (db: Db, workspaceId: string) =>
  db
    .select({ id: enrichmentFiles.id, name: enrichmentFiles.name })
    .from(enrichmentFiles)
    .where(eq(enrichmentFiles.workspaceId, workspaceId))
    .orderBy(asc(enrichmentFiles.name))
    .then((files) => files.map((f) => ({ ...f, type: "enrichment" as const })));
