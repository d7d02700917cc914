import type { IncomingMessage, ServerResponse } from "node:http";
import { getDb } from "../database";
import { handleProfileApi, type ProfileApiDeps } from "./handle-profile-api";

/** The Profile API straight on Node's request and response: the self-hosted server's fast path (server/http/fast-path.ts). */
export async function serveProfileApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: string,
  deps: ProfileApiDeps = { getDb },
): Promise<void> {
  const query = url.indexOf("?");
  const header = (name: string) => {
    const value = req.headers[name];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  };
  const reply = await handleProfileApi(
    {
      method: (req.method ?? "GET").toUpperCase(),
      path: query < 0 ? url : url.slice(0, query),
      query: query < 0 ? "" : url.slice(query + 1),
      header,
    },
    deps,
  );
  // A body sent with a GET (or a refused method) is not read: drop it rather than leave it on the socket.
  if (!req.complete) req.resume();
  if (res.destroyed) return;
  res.writeHead(reply.status, { ...reply.headers, "content-length": String(Buffer.byteLength(reply.body)) });
  res.end(reply.body);
}
