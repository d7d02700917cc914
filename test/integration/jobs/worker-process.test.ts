import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { enqueueJob } from "@/server/jobs/enqueue-job";
import { pruneRejectedEvents } from "@/server/jobs/definitions/prune-rejected-events";
import { sql } from "drizzle-orm";
import { rows } from "@/db/client";

/** `npm run worker`: an extra job process on PostgreSQL; refused on the embedded database. */
function startWorker(databaseUrl: string | null) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.TEST_DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "server/worker-main.ts"], { env, cwd: process.cwd() });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe("npm run worker", () => {
  it("runs queued jobs beside the server on PostgreSQL, stops cleanly — and refuses the embedded database", async () => {
    const target = inject("testDatabase");
    if (target.kind === "pglite") {
      const worker = startWorker(null);
      expect(await worker.exited).toBe(2);
      expect(worker.output()).toMatch(/needs DATABASE_URL/);
      return;
    }
    const name = `cdp_t_${target.template.slice(8)}_w${randomBytes(3).toString("hex")}`;
    const admin = postgres(target.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${target.template}`);
    const url = new URL(target.url);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ url: url.toString(), poolSize: 2 });
    const worker = startWorker(url.toString());
    try {
      const id = await enqueueJob(handle.db, pruneRejectedEvents, { days: 30 });
      const deadline = Date.now() + 30_000;
      let status = "";
      while (status !== "succeeded" && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await rows<{ status: string }>(handle.db, sql`SELECT status FROM jobs WHERE id = ${id}`))[0].status;
      }
      expect(status).toBe("succeeded");
      worker.child.kill("SIGTERM");
      expect(await worker.exited).toBe(0);
    } finally {
      worker.child.kill("SIGKILL");
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 60_000);
});
