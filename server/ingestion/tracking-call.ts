/**
 * The tracking API's view of one HTTP exchange, independent of the server that carries it. The Next route
 * handler adapts a Web Request to it (handle-tracking-request.ts); the self-hosted server's fast path adapts
 * Node's request and response directly (server/http), which skips building Web Request/Response objects —
 * measured here at less than half the throughput of the direct adapter for small POSTs.
 */
export interface TrackingCall {
  /** Upper-case HTTP method. */
  method: string;
  /** The URL path without the query string, e.g. "/v1/track". */
  path: string;
  /** A request header by lower-case name, or null when absent. */
  header(name: string): string | null;
  /**
   * The request body as sent (still compressed, if it was). Stops reading as soon as more than maxBytes
   * arrived and answers "too-large" then, so a client can never make the server buffer more than that.
   */
  readBody(maxBytes: number): Promise<Buffer | "too-large">;
}

export interface TrackingReply {
  status: number;
  headers: Record<string, string>;
  /** JSON text, or "" for an empty body (204). */
  body: string;
}
