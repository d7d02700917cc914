/**
 * `npm run worker`: an extra process that runs background jobs (and their schedule) beside the web
 * server, sharing the work through leases. PostgreSQL only: the embedded database allows one process, and
 * `npm start` already runs a worker in-process.
 */
import { EnvError, env } from "./env";
import { databaseHandle } from "./database";
import { jobServices } from "./jobs/job-services";
import { Lifecycle } from "./lifecycle";
import { drainEventWriter } from "./ingestion/event-writer";

async function main() {
  if (!env().DATABASE_URL) {
    console.error(
      "npm run worker needs DATABASE_URL (PostgreSQL). On the embedded database, `npm start` runs the worker in its own process.",
    );
    process.exit(2);
  }
  const handle = await databaseHandle();
  const lifecycle = new Lifecycle();
  await lifecycle.start({ name: "event writer", stop: () => drainEventWriter() });
  for (const service of jobServices(handle.db)) await lifecycle.start(service);
  console.log(`Job worker running (pid ${process.pid})`);

  const stop = async () => {
    await lifecycle.stopAll();
    await handle.close().catch(() => {});
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error) => {
  console.error(
    error instanceof EnvError
      ? error.message
      : `worker failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
