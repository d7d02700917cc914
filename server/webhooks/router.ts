import { procedure, router } from "../trpc/init";
import { getDelivery, listDeliveries } from "./list-deliveries";
import { previewMapping } from "./preview-mapping";
import { replayDeliveries } from "./replay-deliveries";
import {
  getDeliverySchema,
  listDeliveriesSchema,
  previewMappingSchema,
  replaySchema,
  setMappingSchema,
  webhookSourceSchema,
} from "./schema";
import { setMapping } from "./set-mapping";
import { disableSignature, enableSignature } from "./set-signature";

export const webhooksRouter = router({
  setMapping: procedure("sources:manage")
    .input(setMappingSchema)
    .mutation(({ ctx, input }) => setMapping(ctx.scope, input)),
  /** A mutation only because a sample payload (up to 1 MB) does not fit in a query's URL; it stores nothing. */
  previewMapping: procedure("sources:manage")
    .input(previewMappingSchema)
    .mutation(({ ctx, input }) => previewMapping(ctx.scope, input)),
  enableSignature: procedure("sources:manage")
    .input(webhookSourceSchema)
    .mutation(({ ctx, input }) => enableSignature(ctx.scope, input.sourceId)),
  disableSignature: procedure("sources:manage")
    .input(webhookSourceSchema)
    .mutation(({ ctx, input }) => disableSignature(ctx.scope, input.sourceId)),
  listDeliveries: procedure("sources:read")
    .input(listDeliveriesSchema)
    .query(({ ctx, input }) => listDeliveries(ctx.scope, input)),
  getDelivery: procedure("sources:read")
    .input(getDeliverySchema)
    .query(({ ctx, input }) => getDelivery(ctx.scope, input)),
  replay: procedure("sources:manage")
    .input(replaySchema)
    .mutation(({ ctx, input }) => replayDeliveries(ctx.scope, input)),
});
