/**
 * The self-hosted server (`npm start`): validate configuration, open and migrate the database, create the
 * demo workspace on an empty database, build if needed, then serve on one port: the ingestion endpoints on
 * a fast path of our own (server/http/fast-path.ts), everything else through Next.js.
 */
import next from "next";
import { DataDirInUseError } from "@/db/drivers/pglite-lock";
import { EnvError, env, prepareProcessEnv } from "./env";
import { databaseHandle } from "./database";
import { buildIfNeeded } from "./build-if-needed";
import { CLIENT_IP_HEADER, socketClientIp } from "./auth/client-ip";
import { ensureDemoWorkspace } from "./workspaces/ensure-demo-workspace";
import { announceDemo } from "./workspaces/announce-demo";
import { fastPathIdle, handleFastPath } from "./http/fast-path";
import { drainEventWriter } from "./ingestion/event-writer";
import { resumeDemo } from "./demo/resume-demo";
import { failInterruptedImports } from "./imports/fail-interrupted-imports";
import { PortUnavailableError, checkPortFree, portUnavailable } from "./http/check-port";
import { createHttpServer } from "./http/create-http-server";
import { logFailure } from "./http/reply";
import { Lifecycle } from "./lifecycle";
import { jobServices } from "./jobs/job-services";
import { PipelineRunner } from "./pipeline/pipeline-runner";
import { PIPELINE_CONSUMERS } from "./pipeline/consumers";

async function main() {
  const dev = process.argv.includes("--dev");
  const config = env();
  // Before anything is opened, created or printed: a taken port must not leave a demo workspace behind.
  await checkPortFree(config.PORT, config.HOST);
  prepareProcessEnv();

  const handle = await databaseHandle();
  await handle.migrate();
  await failInterruptedImports(handle.db, handle.driver);
  // Background services stop in the reverse order: demo traffic and jobs first, then the pipeline (its
  // consumers, the event catalog among them, resume from their cursors next time), then the writer commits
  // what it holds — and only then does the database close.
  const lifecycle = new Lifecycle();
  await lifecycle.start({ name: "event writer", stop: () => drainEventWriter() });
  const pipeline = new PipelineRunner(handle.db, PIPELINE_CONSUMERS);
  await lifecycle.start({ name: "pipeline", start: () => void pipeline.start(), stop: () => pipeline.stop() });
  for (const service of jobServices(handle.db)) await lifecycle.start(service);
  if (config.CDP_DEMO === "true") {
    const demo = await ensureDemoWorkspace(handle.db, {
      email: config.CDP_ADMIN_EMAIL,
      password: config.CDP_ADMIN_PASSWORD,
    });
    if (demo) announceDemo(demo);
    // Live sample traffic into the demo workspace's website source, so a newcomer sees data arrive.
    const stopDemo = await resumeDemo(handle.db, demo?.workspaceId ?? null);
    if (stopDemo) await lifecycle.start({ name: "demo traffic", stop: stopDemo });
  }

  if (!dev) buildIfNeeded(process.cwd());
  const app = next({ dev, hostname: config.HOST, port: config.PORT, dir: process.cwd() });
  await app.prepare();
  const handleNext = app.getRequestHandler();

  const timeouts = {
    headersTimeoutMs: config.CDP_HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: config.CDP_HTTP_REQUEST_TIMEOUT_MS,
  };
  const server = createHttpServer(timeouts, (req, res) => {
    // Our own view of the client's address; whatever a client sent under this name is replaced.
    req.headers[CLIENT_IP_HEADER] = socketClientIp(req);
    if (handleFastPath(req, res)) return;
    void handleNext(req, res);
  });
  server.once("error", (error) => {
    // Taken between the check and now: the same message, not a stack.
    const unavailable = portUnavailable(error, config.PORT, config.HOST);
    console.error(unavailable ? unavailable.message : `server: ${error.message}`);
    process.exit(1);
  });
  server.listen(config.PORT, config.HOST, () => {
    console.log(
      `Console ready on http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${config.PORT} (${handle.driver})`,
    );
  });

  // Stop taking requests, let those in progress finish, stop the background services in order, and only
  // then close the database.
  const stop = async () => {
    server.close();
    server.closeIdleConnections();
    await fastPathIdle(10_000);
    await lifecycle.stopAll();
    await handle.close().catch(() => {});
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error) => {
  if (error instanceof EnvError || error instanceof DataDirInUseError || error instanceof PortUnavailableError)
    console.error(error.message);
  // A driver error (it has a SQLSTATE) carries SQL and values: its message only. Anything else with its stack.
  else if (/^[0-9A-Z]{5}$/.test(String((error as { code?: unknown })?.code))) logFailure("start-up failed", error);
  else console.error(error);
  process.exit(1);
});
