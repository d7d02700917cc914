import { errorReply, jsonReply, unavailableReply as storageUnavailable } from "../http/reply";
import type { TrackingReply } from "./tracking-call";

/** The envelopes are server/http/reply.ts's; this file adds the tracking API's codes, CORS and preflight. */
export { errorReply, jsonReply };

/** Error codes of the tracking API: `{ "error": { "code", "message" } }` with the matching status. */
export type TrackingErrorCode =
  | "not_found"
  | "method_not_allowed"
  | "missing_write_key"
  | "invalid_write_key"
  | "source_disabled"
  | "source_not_http"
  | "request_too_large"
  | "unsupported_encoding"
  | "invalid_encoding"
  | "invalid_json"
  | "invalid_body"
  | "too_many_events"
  | "unstorable_event"
  | "rate_limited"
  | "storage_unavailable"
  | (string & {});

/**
 * Browser SDKs post from other sites: every answer carries Access-Control-Allow-Origin (the caller's origin,
 * or * when there is none). No credentials are involved: the write key travels in a header or the body.
 */
export function corsHeaders(origin: string | null): Record<string, string> {
  return origin ? { "access-control-allow-origin": origin, vary: "Origin" } : { "access-control-allow-origin": "*" };
}

export function preflightReply(origin: string | null): TrackingReply {
  return {
    status: 204,
    headers: {
      ...corsHeaders(origin),
      "access-control-allow-methods": "POST, OPTIONS",
      "access-control-allow-headers": "Authorization, Content-Type, Content-Encoding",
      "access-control-max-age": "86400",
    },
    body: "",
  };
}

/** Storage failed or did not answer in time: the client must retry (SDKs do on 5xx), and nothing was acknowledged. */
export function unavailableReply(headers: Record<string, string>): TrackingReply {
  return storageUnavailable("events could not be stored right now; retry later", 1, headers);
}
