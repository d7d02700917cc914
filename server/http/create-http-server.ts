import http from "node:http";
import { errorReply } from "./reply";

export interface HttpServerTimeouts {
  /** A client must have sent all request headers within this time. */
  headersTimeoutMs: number;
  /** …and the whole body within this one; a file upload instead may never pause for longer than it. */
  requestTimeoutMs: number;
}

/** Console file uploads stream for as long as the file takes: they are bounded by pauses, not by a deadline. */
const isUpload = (req: http.IncomingMessage) => req.method === "POST" && (req.url ?? "").startsWith("/api/imports/");

function timedOut(req: http.IncomingMessage, res: http.ServerResponse, message: string) {
  if (!res.headersSent) {
    const reply = errorReply(408, "request_timeout", message, { connection: "close" });
    res.writeHead(reply.status, reply.headers).end(reply.body);
  }
  req.socket.destroy();
}

/**
 * The self-hosted server's HTTP server. A request whose headers stop arriving is answered 408 and closed after
 * headersTimeoutMs (Node checks every second, not its default 30 s); one whose body has not fully arrived
 * within requestTimeoutMs likewise — except uploads, which are closed only when no byte arrives for that long.
 * Stalled clients cannot pile up open sockets, and a large file on a slow link still gets through.
 */
export function createHttpServer(timeouts: HttpServerTimeouts, handler: http.RequestListener): http.Server {
  return http.createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: 0,
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersTimeoutMs),
    },
    (req, res) => {
      if (!req.complete) {
        const limit = timeouts.requestTimeoutMs;
        let timer: NodeJS.Timeout;
        // An upload's progress is read off the socket's byte count: a 'data' listener here would switch the
        // request to flowing mode and take its body away from the route that imports it.
        let seen = req.socket.bytesRead;
        const arm = () => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            if (isUpload(req) && req.socket.bytesRead > seen) {
              seen = req.socket.bytesRead;
              return arm();
            }
            timedOut(
              req,
              res,
              isUpload(req)
                ? `the upload paused for over ${limit / 1000} s`
                : `the request body did not arrive within ${limit / 1000} s`,
            );
          }, limit);
        };
        arm();
        const done = () => clearTimeout(timer);
        req.once("end", done);
        req.once("close", done);
      }
      handler(req, res);
    },
  );
}
