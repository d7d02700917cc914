import { handleTrackingRequest } from "@/server/ingestion/handle-tracking-request";

/** Segment-compatible tracking API (/v1/track, /v1/batch …). The self-hosted server answers these on its fast path. */
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handleTrackingRequest(request);
}

export function OPTIONS(request: Request) {
  return handleTrackingRequest(request);
}
