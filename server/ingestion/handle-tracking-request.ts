import { getDb } from "../database";
import { handleTracking, type TrackingDeps } from "./handle-tracking";
import type { TrackingCall } from "./tracking-call";
import { readWebBody } from "../http/read-web-body";

/** The tracking API from a Web Request to a Response (the Next route handler's door; see handle-tracking.ts). */
export async function handleTrackingRequest(request: Request, deps: TrackingDeps = { getDb }): Promise<Response> {
  const call: TrackingCall = {
    method: request.method.toUpperCase(),
    path: new URL(request.url).pathname,
    header: (name) => request.headers.get(name),
    readBody: (maxBytes) => readWebBody(request, maxBytes),
  };
  const reply = await handleTracking(call, deps);
  return new Response(reply.body === "" ? null : reply.body, { status: reply.status, headers: reply.headers });
}
