/**
 * An ingestion-only server for the kill test and the benchmark: migrations, then the fast path on node:http
 * against the configured database (DATABASE_URL, else the PGlite folder CDP_DATA_DIR), nothing of Next.
 * With --seed it first creates a workspace and an http source. With --pipeline ID[,ID…] it also runs those
 * pipeline consumers (as `npm start` runs them all), e.g. `--pipeline catalog`. Once listening it prints one JSON line:
 * { port, pid, seed?: { workspaceId, sourceId, writeKey } }. SIGTERM/SIGINT stop it gracefully.
 *
 *   node --import tsx test/integration/ingestion/ingest-server.mts [--seed]
 */
import http from "node:http";
import { databaseHandle } from "@/server/database";
import { env } from "@/server/env";
import { fastPathIdle, handleFastPath } from "@/server/http/fast-path";
import { drainEventWriter } from "@/server/ingestion/event-writer";
import { PIPELINE_CONSUMERS } from "@/server/pipeline/consumers";
import { PipelineRunner } from "@/server/pipeline/pipeline-runner";
import { SYSTEM_ACTOR } from "@/server/scope";
import { createSource } from "@/server/sources/create-source";
import { createWorkspace } from "@/server/workspaces/create-workspace";

const config = env();
const handle = await databaseHandle();
await handle.migrate();

let seed: { workspaceId: string; sourceId: string; writeKey: string } | undefined;
if (process.argv.includes("--seed")) {
  const workspace = await createWorkspace(handle.db, SYSTEM_ACTOR, { name: "Ingestion" });
  const scope = { db: handle.db, workspaceId: workspace.id, role: "owner" as const, actor: SYSTEM_ACTOR };
  const { source, writeKey } = await createSource(scope, { name: "HTTP", type: "http" });
  seed = { workspaceId: workspace.id, sourceId: source.id, writeKey };
}

const pipelineArg = process.argv.indexOf("--pipeline");
const wanted = pipelineArg >= 0 ? process.argv[pipelineArg + 1].split(",") : [];
const pipeline =
  wanted.length > 0
    ? new PipelineRunner(
        handle.db,
        PIPELINE_CONSUMERS.filter((c) => wanted.includes(c.id)),
      ).start()
    : null;

const server = http.createServer((req, res) => {
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
  await handle.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
