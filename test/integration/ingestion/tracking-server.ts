import http from "node:http";
import type { AddressInfo } from "node:net";
import type { DatabaseHandle, Db } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import { useDatabase as setProcessDatabase } from "@/server/database";
import { handleFastPath } from "@/server/http/fast-path";
import { drainEventWriter } from "@/server/ingestion/event-writer";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { SYSTEM_ACTOR } from "@/server/scope";
import { createSource } from "@/server/sources/create-source";
import { createWorkspace } from "@/server/workspaces/create-workspace";

/** The fast path on a real loopback HTTP server, storing into the test database (as the process database). */
export interface TrackingServer {
  url: string;
  /** Every request seen, in order: method, path and headers (lower-case). */
  requests: { method: string; path: string; headers: http.IncomingHttpHeaders }[];
  /** The next `count` requests are processed normally but answered 503, as if the answer was lost after the commit. */
  loseResponses(count: number): void;
  close(): Promise<void>;
}

export async function startTrackingServer(handle: DatabaseHandle): Promise<TrackingServer> {
  setProcessDatabase(handle);
  const requests: TrackingServer["requests"] = [];
  let toLose = 0;
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "", headers: { ...req.headers } });
    if (toLose > 0) {
      toLose--;
      // A proxy that timed out after the server had committed: the client sees a failure and retries.
      const writeHead = res.writeHead.bind(res) as (
        status: number,
        headers?: http.OutgoingHttpHeaders,
      ) => http.ServerResponse;
      res.writeHead = ((_status: number, headers?: http.OutgoingHttpHeaders) =>
        writeHead(503, headers)) as typeof res.writeHead;
    }
    if (!handleFastPath(req, res)) {
      // Where the real server would call Next.
      res.writeHead(404, { "x-test-fallback": "next" });
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    loseResponses: (count) => (toLose = count),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** End of a test file: stop the server, commit what the writer and the catalog hold, close the database. */
export async function stopTrackingServer(server: TrackingServer, handle: DatabaseHandle): Promise<void> {
  await server.close();
  await drainEventWriter();
  await flushCatalog();
  await handle.close();
}

export interface TestSource {
  workspaceId: string;
  sourceId: string;
  writeKey: string;
}

/** A new workspace with one source (http unless said otherwise). */
export async function createTestSource(db: Db, type: "http" | "webhook" | "file" = "http"): Promise<TestSource> {
  const workspace = await createWorkspace(db, SYSTEM_ACTOR, {
    name: `Tracking ${Math.random().toString(36).slice(2, 8)}`,
  });
  const scope = { db, workspaceId: workspace.id, role: "owner" as const, actor: SYSTEM_ACTOR };
  const { source, writeKey } = await createSource(scope, { name: `Source ${type}`, type });
  return { workspaceId: workspace.id, sourceId: source.id, writeKey };
}

/**
 * Makes the database itself refuse the next `count` statements that insert events (a statement trigger that
 * raises; the counter is a sequence, which a rolled-back transaction does not undo). Returns the undo.
 */
export async function failNextEventInserts(db: Db, count: number): Promise<() => Promise<void>> {
  const statements = [
    `CREATE SEQUENCE IF NOT EXISTS test_insert_failures`,
    `CREATE OR REPLACE FUNCTION test_fail_event_insert() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF nextval('test_insert_failures') <= ${count} THEN RAISE EXCEPTION 'injected storage failure'; END IF;
       RETURN NULL;
     END $$`,
    `DROP TRIGGER IF EXISTS test_fail_event_insert ON events`,
    `CREATE TRIGGER test_fail_event_insert BEFORE INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION test_fail_event_insert()`,
  ];
  for (const statement of statements) await rawQuery(db, statement, []);
  return async () => {
    await rawQuery(db, `DROP TRIGGER IF EXISTS test_fail_event_insert ON events`, []);
    await rawQuery(db, `DROP SEQUENCE IF EXISTS test_insert_failures`, []);
  };
}

export const basicAuth = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;

/** POSTs JSON (or raw bytes) to the tracking API; returns status, headers and parsed JSON body. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}
