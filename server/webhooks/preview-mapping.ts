import { AppError } from "../errors";
import { parseJsonExact } from "../ingestion/parse-json-exact";
import type { WorkspaceScope } from "../scope";
import { keepHeaders } from "./keep-headers";
import { loadWebhookSource } from "./load-webhook-source";
import { mapDelivery } from "./map-delivery";
import { parseSampleHeaders } from "./parse-sample-headers";
import type { PreviewMappingInput } from "./schema";

/**
 * What a mapping would make of a sample payload — the normalized events, the refused ones and why, or the
 * mapping's error — without storing anything. The editor calls it as the mapping is typed. Sample headers
 * are kept as a live delivery's would be (credentials dropped, capped), so `$headers` matches what it sees live.
 */
export async function previewMapping(scope: WorkspaceScope, input: PreviewMappingInput) {
  const source = await loadWebhookSource(scope.db, scope.workspaceId, input.sourceId);
  const sampleHeaders = parseSampleHeaders(input.sampleHeaders ?? "");
  if (!sampleHeaders.ok) throw new AppError("BAD_REQUEST", `Sample headers: ${sampleHeaders.error}`);
  let payload: unknown;
  try {
    // As a live delivery is read: integers beyond ±2^53 reach the mapping as strings of their digits.
    payload = parseJsonExact(input.samplePayload);
  } catch (error) {
    return {
      status: "invalid_sample" as const,
      error: `The sample payload is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      events: [],
      rejected: [],
    };
  }
  const mapped = await mapDelivery(input.mapping.trim() || null, payload, {
    sourceId: source.id,
    deliveryKey: "preview",
    receivedAt: new Date(),
    headers: keepHeaders(sampleHeaders.headers),
  });
  return {
    status: mapped.status,
    error: mapped.error,
    events: mapped.rows.map((row) => ({
      type: row.type,
      event: row.event,
      userId: row.userId,
      anonymousId: row.anonymousId,
      timestamp: row.timestamp,
      message: JSON.parse(row.raw) as Record<string, unknown>,
    })),
    rejected: mapped.rejections.map((r) => ({ index: r.batchIndex, reason: r.reason, item: r.payload })),
  };
}
