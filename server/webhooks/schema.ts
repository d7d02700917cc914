import { z } from "zod";
import { WEBHOOK_DELIVERY_STATUSES } from "@/db/schema/intake";
import { WEBHOOK_LIMITS } from "./limits";

const sourceId = z.uuid("must be a source id");

export const webhookSourceSchema = z.object({ sourceId });

export const setMappingSchema = z.object({
  sourceId,
  /** A JSONata expression; null or "" removes the mapping (payloads must then be Segment-shaped already). */
  mapping: z
    .string()
    .max(WEBHOOK_LIMITS.maxMappingLength, `must be at most ${WEBHOOK_LIMITS.maxMappingLength} characters`)
    .nullable(),
});

export const previewMappingSchema = z.object({
  sourceId,
  mapping: z
    .string()
    .max(WEBHOOK_LIMITS.maxMappingLength, `must be at most ${WEBHOOK_LIMITS.maxMappingLength} characters`),
  /** The sample payload as JSON text, as pasted. */
  samplePayload: z.string().max(WEBHOOK_LIMITS.maxBodyBytes, "the sample is larger than the 1 MB payload limit"),
  /** Sample request headers, one `Name: value` per line, given to the mapping as `$headers`. */
  sampleHeaders: z
    .string()
    .max(WEBHOOK_LIMITS.maxSampleHeadersLength, `must be at most ${WEBHOOK_LIMITS.maxSampleHeadersLength} characters`)
    .optional(),
});

export const listDeliveriesSchema = z.object({
  sourceId,
  status: z
    .enum(WEBHOOK_DELIVERY_STATUSES, { error: `must be one of ${WEBHOOK_DELIVERY_STATUSES.join(", ")}` })
    .optional(),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

export const getDeliverySchema = z.object({ sourceId, deliveryId: z.uuid("must be a delivery id") });

/** One delivery, or every delivery of the source whose mapping failed or whose events were all refused. */
export const replaySchema = z.union([
  z.object({ sourceId, deliveryId: z.uuid("must be a delivery id") }),
  z.object({ sourceId, failed: z.literal(true) }),
]);

export type SetMappingInput = z.infer<typeof setMappingSchema>;
export type PreviewMappingInput = z.infer<typeof previewMappingSchema>;
export type ListDeliveriesInput = z.infer<typeof listDeliveriesSchema>;
export type GetDeliveryInput = z.infer<typeof getDeliverySchema>;
export type ReplayInput = z.infer<typeof replaySchema>;
