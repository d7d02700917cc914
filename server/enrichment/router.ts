import { procedure, router } from "../trpc/init";
import { getEnrichmentFile, listEnrichmentFiles } from "./list-enrichment-files";
import { enrichmentKeyTypes, previewEnrichment } from "./preview-enrichment";
import { enrichmentFileIdSchema, listEnrichmentSchema, previewEnrichmentSchema } from "./schema";

/**
 * Enrichment files. A file is applied by POST /api/enrichment (the CSV streamed as the body, not a tRPC
 * call); its unmatched and invalid rows download from /api/enrichment/{fileId}/rows?kind=….
 */
export const enrichmentRouter = router({
  list: procedure("profiles:read")
    .input(listEnrichmentSchema)
    .query(({ ctx, input }) => listEnrichmentFiles(ctx.scope, input)),
  get: procedure("profiles:read")
    .input(enrichmentFileIdSchema)
    .query(({ ctx, input }) => getEnrichmentFile(ctx.scope, input.fileId)),
  keyTypes: procedure("profiles:read").query(({ ctx }) => enrichmentKeyTypes(ctx.scope)),
  /** Reads the graph (does a profile have this email?): for those who may upload. */
  preview: procedure("profiles:enrich")
    .input(previewEnrichmentSchema)
    .mutation(({ ctx, input }) => previewEnrichment(ctx.scope, input)),
});
