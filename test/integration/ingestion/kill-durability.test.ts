import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openDatabase, type DatabaseConfig } from "@/db/client";
import { rawQuery } from "@/db/raw-query";

/**
 * Ack means committed: a real server process (the ingestion-only entry) takes concurrent batches, is killed
 * with SIGKILL mid-stream, and restarted on the same data (the PGlite folder, whose stale lock it takes over,
 * or the Postgres database). Every messageId that was answered 200 must be stored, and resending everything
 * afterwards must store nothing twice.
 */
const ENTRY = "test/integration/ingestion/ingest-server.mts";
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Where the server keeps its data: a fresh PGlite folder, or a fresh database copied from the migrated template. */
async function dataLocation(): Promise<{ env: NodeJS.ProcessEnv; config: DatabaseConfig }> {
  const target = inject("testDatabase");
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  if (target.kind === "pglite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cdp-kill-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    // Unpacking the migrated template is several seconds faster than letting the server create the folder.
    const template = await PGlite.create({
      dataDir: path.join(dir, "pg"),
      loadDataDir: new Blob([readFileSync(target.dumpPath)]),
    });
    await template.close();
    return { env: { ...env, CDP_DATA_DIR: dir }, config: { dataDir: dir } };
  }
  const name = `cdp_kill_${randomBytes(4).toString("hex")}`;
  const admin = postgres(target.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${target.template}`);
  await admin.end();
  cleanups.push(async () => {
    const dropper = postgres(target.url, { max: 1, onnotice: () => {} });
    await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  });
  const url = new URL(target.url);
  url.pathname = `/${name}`;
  return {
    env: { ...env, DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: "4" },
    config: { url: url.toString(), poolSize: 1 },
  };
}

interface Started {
  child: ChildProcess;
  url: string;
  seed?: { workspaceId: string; writeKey: string };
}

async function startServer(env: NodeJS.ProcessEnv, seed: boolean): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY, ...(seed ? ["--seed"] : [])], {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  cleanups.push(() => void child.kill("SIGKILL"));
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`the server exited (${code}) before listening:\n${stderr}`)));
  });
  const ready = JSON.parse(first) as { seed?: Started["seed"] };
  return { child, url: `http://127.0.0.1:${port}`, seed: ready.seed };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
  );

describe("durability across SIGKILL", () => {
  it("keeps every acknowledged event, and a full resend after restart stores nothing twice", async () => {
    const { env, config } = await dataLocation();
    const first = await startServer(env, true);
    const { writeKey, workspaceId } = first.seed!;
    const headers = {
      authorization: `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`,
      "content-type": "application/json",
    };
    const batchOf = (sender: number, n: number) =>
      JSON.stringify({
        batch: Array.from({ length: 40 }, (_, i) => ({
          type: "track",
          userId: `u${sender}`,
          event: "Kill Test",
          messageId: `k-${sender}-${n}-${i}`,
          properties: { i },
        })),
      });

    const sent: string[] = [];
    const acknowledged = new Set<string>();
    let killed = false;
    const sender = async (id: number) => {
      for (let n = 0; !killed; n++) {
        const body = batchOf(id, n);
        sent.push(body);
        try {
          const response = await fetch(`${first.url}/v1/batch`, { method: "POST", headers, body });
          if (response.status === 200) for (const event of JSON.parse(body).batch) acknowledged.add(event.messageId);
          else await response.arrayBuffer();
        } catch {
          return; // the server is gone
        }
      }
    };
    const senders = Promise.all(Array.from({ length: 6 }, (_, i) => sender(i)));
    const deadline = Date.now() + 30_000;
    while (acknowledged.size < 4_000 && first.child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(acknowledged.size).toBeGreaterThanOrEqual(4_000);
    first.child.kill("SIGKILL");
    killed = true;
    await Promise.all([senders, exited(first.child)]);
    expect(acknowledged.size).toBeLessThan(sent.length * 40); // some requests were in flight when it died

    const second = await startServer(env, false);
    let duplicates = 0;
    for (const body of sent) {
      const response = await fetch(`${second.url}/v1/batch`, { method: "POST", headers, body });
      expect(response.status).toBe(200);
      duplicates += ((await response.json()) as { duplicates: number }).duplicates;
    }
    second.child.kill("SIGTERM");
    await exited(second.child);
    expect(second.child.exitCode).toBe(0);

    const handle = await openDatabase(config);
    try {
      const stored = await rawQuery<{ message_id: string }>(
        handle.db,
        `SELECT message_id FROM events WHERE workspace_id = $1`,
        [workspaceId],
      );
      const ids = new Set(stored.map((r) => r.message_id));
      expect(stored.length).toBe(ids.size);
      expect(ids.size).toBe(sent.length * 40);
      const lost = [...acknowledged].filter((id) => !ids.has(id));
      expect(lost).toEqual([]);
      expect(duplicates).toBeGreaterThanOrEqual(acknowledged.size);
    } finally {
      await handle.close();
    }
  }, 90_000);
});
