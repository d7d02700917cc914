import { getDb } from "../database";
import { handleTracking, type TrackingDeps } from "./handle-tracking";
import type { TrackingCall } from "./tracking-call";

/** Reads a Web request body, giving up (and cancelling the stream) as soon as it passes maxBytes. */
async function readWebBody(request: Request, maxBytes: number): Promise<Buffer | "too-large"> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return "too-large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

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
