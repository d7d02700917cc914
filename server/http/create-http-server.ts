import http from "node:http";

export interface HttpServerTimeouts {
  /** A client must have sent all request headers within this time. */
  headersTimeoutMs: number;
  /** …and the whole request, body included, within this one (longer: console file uploads). */
  requestTimeoutMs: number;
}

/**
 * The self-hosted server's HTTP server. A request whose headers or body stop arriving is answered 408 and its
 * connection closed once the timeout passes, so stalled clients cannot pile up open sockets; Node checks
 * connections every second (its default, 30 s, would let a stalled request live that much longer).
 */
export function createHttpServer(timeouts: HttpServerTimeouts, handler: http.RequestListener): http.Server {
  const requestTimeout = Math.max(timeouts.requestTimeoutMs, timeouts.headersTimeoutMs);
  return http.createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout,
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersTimeoutMs),
    },
    handler,
  );
}
