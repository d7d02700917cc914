import type { IncomingMessage, ServerResponse } from "node:http";
import { getDb } from "../database";
import { handleTracking, type TrackingDeps } from "../ingestion/handle-tracking";
import { serveProfileApi } from "../profile-api/serve-profile-api";
import type { TrackingCall } from "../ingestion/tracking-call";
import { handleWebhookRequest } from "../webhooks/handle-webhook-request";
import { readNodeBody } from "./read-node-body";
import { failureReply, logFailure } from "./reply";
import { sendWebResponse, toWebRequest } from "./web-exchange";

/**
 * The self-hosted server's fast path: the high-volume ingestion endpoints are answered here, straight from
 * Node's request and response, instead of going through Next (an empty Next route handler manages ~1,450
 * requests/s on this kind of machine, a bare Node handler ~38,000). Everything else goes to Next.
 *
 * Routes:  /v1/profiles/*     → the Profile API (server/profile-api/handle-profile-api.ts), on Node's objects
 *          /v1/*              → the tracking API (server/ingestion/handle-tracking.ts), on Node's objects
 *          /api/webhooks/<id> → server/webhooks/handle-webhook-request.ts, through Web Request/Response
 */
const holder = globalThis as typeof globalThis & { __cdpFastPathActive?: number };

const isProfilePath = (url: string) => /^\/v1\/profiles(?:[/?]|$)/.test(url);
const isTrackingPath = (url: string) => url === "/v1" || url.startsWith("/v1/") || url.startsWith("/v1?");
const WEBHOOK_PATH = /^\/api\/webhooks\/([^/?#]+)\/?(?:\?|$)/;

/** Answers the request when it belongs to the fast path and returns true; false means "hand it to Next". */
export function handleFastPath(req: IncomingMessage, res: ServerResponse, deps: TrackingDeps = { getDb }): boolean {
  const url = req.url ?? "/";
  let serving: Promise<void>;
  if (isProfilePath(url)) {
    serving = serveProfileApi(req, res, url, deps);
  } else if (isTrackingPath(url)) {
    serving = serveTracking(req, res, url, deps);
  } else {
    const webhook = WEBHOOK_PATH.exec(url);
    if (!webhook) return false;
    serving = serveWebhook(req, res, webhook[1]);
  }
  holder.__cdpFastPathActive = (holder.__cdpFastPathActive ?? 0) + 1;
  serving
    .catch((error) => {
      // Never the error itself (a driver error carries SQL and row values): failureReply logs its message only.
      if (res.headersSent || res.destroyed) {
        logFailure("fast path: could not finish an answer", error);
        res.destroy();
        return;
      }
      const reply = failureReply(error, "the request");
      res.writeHead(reply.status, {
        ...reply.headers,
        "content-length": String(Buffer.byteLength(reply.body)),
        connection: "close",
      });
      res.end(reply.body);
    })
    .finally(() => {
      holder.__cdpFastPathActive! -= 1;
    });
  return true;
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(", ") : value;
}

async function serveTracking(
  req: IncomingMessage,
  res: ServerResponse,
  url: string,
  deps: TrackingDeps,
): Promise<void> {
  const query = url.indexOf("?");
  const call: TrackingCall = {
    method: (req.method ?? "GET").toUpperCase(),
    path: query < 0 ? url : url.slice(0, query),
    header: (name) => header(req, name),
    readBody: (maxBytes) => readNodeBody(req, maxBytes),
  };
  const reply = await handleTracking(call, deps);
  if (res.destroyed) return;
  res.writeHead(reply.status, { ...reply.headers, "content-length": String(Buffer.byteLength(reply.body)) });
  res.end(reply.body);
}

async function serveWebhook(req: IncomingMessage, res: ServerResponse, encodedSourceId: string): Promise<void> {
  let sourceId: string;
  try {
    sourceId = decodeURIComponent(encodedSourceId);
  } catch {
    sourceId = encodedSourceId;
  }
  const response = await handleWebhookRequest(toWebRequest(req), sourceId);
  if (!res.destroyed) await sendWebResponse(res, response);
}

/** Resolves once no fast-path request is in progress, or after timeoutMs (graceful shutdown). */
export async function fastPathIdle(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((holder.__cdpFastPathActive ?? 0) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}
