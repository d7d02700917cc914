/**
 * The identity benchmark's server: the fast path of the real server (/v1/*, so the tracking API and, once it
 * exists, the Profile API) over the configured database (DATABASE_URL, else the PGlite folder CDP_DATA_DIR),
 * with the identity pipeline started and stopped on request, and a control route the benchmark drives it
 * through — the embedded database allows one process, so the benchmark cannot open it itself:
 *
 *   POST /__bench/pipeline/start {timed?}   run the pipeline (PipelineRunner with the real consumers)
 *   POST /__bench/pipeline/stop             stop it; answers the step timings when timed
 *   POST /__bench/probe/<name> [args…]      one of probes.ts, on this process's database
 *   POST /__bench/limit {batchSize?}        the write limit (write-limit.ts), in the identity consumer's step size
 *
 * With --seed it first creates a workspace and an http source. Once listening it prints one JSON line:
 * { port, pid, driver, seed? }. SIGTERM stops it gracefully.
 */
import http from "node:http";
import type { Db } from "@/db/client";
import { databaseHandle } from "@/server/database";
import { env } from "@/server/env";
import { fastPathIdle, handleFastPath } from "@/server/http/fast-path";
import { readNodeBody } from "@/server/http/read-node-body";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { drainEventWriter } from "@/server/ingestion/event-writer";
import { PIPELINE_CONSUMERS } from "@/server/pipeline/consumers";
import { PipelineRunner } from "@/server/pipeline/pipeline-runner";
import { SYSTEM_ACTOR } from "@/server/scope";
import { createSource } from "@/server/sources/create-source";
import { createWorkspace } from "@/server/workspaces/create-workspace";
import { PROBES, type ProbeName } from "./probes";
import { StepTimer, timedConsumer, timedDb } from "./step-timer";
import { measureWriteLimit } from "./write-limit";

const config = env();
const handle = await databaseHandle();
await handle.migrate();

let seed: { workspaceId: string; sourceId: string; writeKey: string } | undefined;
if (process.argv.includes("--seed")) {
  const workspace = await createWorkspace(handle.db, SYSTEM_ACTOR, { name: "Identity benchmark" });
  const scope = { db: handle.db, workspaceId: workspace.id, role: "owner" as const, actor: SYSTEM_ACTOR };
  const { source, writeKey } = await createSource(scope, { name: "Website", type: "http" });
  seed = { workspaceId: workspace.id, sourceId: source.id, writeKey };
}

let pipeline: PipelineRunner | null = null;
let timer: StepTimer | null = null;

async function control(path: string, body: unknown): Promise<unknown> {
  const db: Db = handle.db;
  if (path === "/__bench/pipeline/start") {
    if (pipeline) return { running: true };
    const timed = (body as { timed?: boolean } | null)?.timed === true;
    timer = timed ? new StepTimer() : null;
    pipeline = timer
      ? new PipelineRunner(
          timedDb(db, timer),
          PIPELINE_CONSUMERS.map((c) => timedConsumer(c, timer!)),
        )
      : new PipelineRunner(db, PIPELINE_CONSUMERS);
    pipeline.start();
    return { running: true };
  }
  if (path === "/__bench/pipeline/stop") {
    await pipeline?.stop();
    pipeline = null;
    const timings = timer?.take() ?? null;
    timer = null;
    return { running: false, timings };
  }
  if (path.startsWith("/__bench/probe/")) {
    const name = path.slice("/__bench/probe/".length) as ProbeName;
    const probe = PROBES[name] as ((db: Db, ...args: unknown[]) => Promise<unknown>) | undefined;
    if (!probe) throw new Error(`no probe "${name}"`);
    return probe(db, ...((body as unknown[]) ?? []));
  }
  if (path === "/__bench/limit") {
    // Steps of the identity consumer's own size.
    const identity = PIPELINE_CONSUMERS.find((c) => c.id === "identity");
    return measureWriteLimit(db, (body as { batchSize?: number } | null)?.batchSize ?? identity?.batchSize ?? 500);
  }
  throw new Error(`no control route ${path}`);
}

function serveControl(req: http.IncomingMessage, res: http.ServerResponse): void {
  void (async () => {
    try {
      const text = (await readNodeBody(req, 10 * 1024 * 1024)).toString("utf8");
      const result = await control(req.url!, text ? JSON.parse(text) : null);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(result ?? null));
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    }
  })();
}

const server = http.createServer((req, res) => {
  if (req.url?.startsWith("/__bench/")) return serveControl(req, res);
  if (handleFastPath(req, res)) return;
  res.writeHead(404, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { code: "not_found", message: "this server answers /v1/* only" } }));
});
server.keepAliveTimeout = 30_000;
server.listen(config.PORT, config.HOST, () => {
  console.log(JSON.stringify({ port: config.PORT, pid: process.pid, driver: handle.driver, seed }));
});

const stop = async () => {
  server.close();
  server.closeIdleConnections();
  await fastPathIdle(10_000);
  await pipeline?.stop();
  await drainEventWriter();
  await flushCatalog().catch((error) => console.error("event catalog: final flush failed", error));
  await handle.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
