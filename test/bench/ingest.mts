/**
 * `npm run bench:ingest [-- --duration 30 --connections 10 --single-connections 50 --skip-pglite --profile
 *                          --pipeline catalog|none|catalog,identity]`
 *
 * The tracking API's throughput, each figure beside its target and its limit on this machine:
 *  (a) /v1/batch with 100 events per request (Postgres), against the raw insert rate of the same rows
 *  (b) single-event /v1/track, acknowledged after commit, against a bare node:http server
 *  (c) /v1/batch on the embedded database (PGlite)
 *  (d) the server process's peak RSS
 * Postgres mode uses a fresh database on 127.0.0.1:5432, created and dropped here. The server runs in a
 * child process with the fast path (test/integration/ingestion/ingest-server.mts) and, as `npm start` does, the
 * pipeline consumers named by --pipeline (default: the event catalog, which used to be counted inside intake).
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { batchBodies, trackBodies } from "./bench-payloads";
import { cpuSeconds, freePort, peakRssMb, postgresCpuSeconds, startJsonProcess, stop } from "./bench-processes";
import { load, type LoadResult } from "./load";
import { copyRate } from "./raw-insert";

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DURATION = flag("duration", 30);
const BATCH_CONNECTIONS = flag("connections", 10);
const SINGLE_CONNECTIONS = flag("single-connections", 50);
const SKIP_PGLITE = args.includes("--skip-pglite");
const PROFILE = args.includes("--profile");
const PIPELINE = args.includes("--pipeline") ? args[args.indexOf("--pipeline") + 1] : "catalog";
const ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";
const SERVER = "test/integration/ingestion/ingest-server.mts";
// The server gets the Node flags `npm start` gives it.
const START_FLAGS = (JSON.parse(readFileSync("package.json", "utf8")).scripts.start as string)
  .split(" ")
  .filter((arg) => arg.startsWith("--"));

type Seed = { workspaceId: string; sourceId: string; writeKey: string };
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? "✓ met" : "✗ missed");
const progress = (what: string) => process.stderr.write(`… ${what}\n`);
const line = (label: string, value: string, target: string, ok?: boolean) =>
  console.log(
    `  ${label.padEnd(38)} ${value.padStart(16)}   target ${target.padEnd(12)} ${ok === undefined ? "" : verdict(ok)}`,
  );

async function startServer(env: Record<string, string>, label: string) {
  const port = await freePort();
  const nodeArgs = [
    ...START_FLAGS,
    ...(PROFILE ? ["--cpu-prof", `--cpu-prof-dir=test-results/profiles/${label}`] : []),
  ];
  const started = await startJsonProcess<{ seed: Seed; pid: number }>(
    SERVER,
    ["--seed", ...(PIPELINE === "none" ? [] : ["--pipeline", PIPELINE])],
    { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    nodeArgs,
  );
  const seed = started.ready.seed;
  const headers = {
    authorization: `Basic ${Buffer.from(`${seed.writeKey}:`).toString("base64")}`,
    "content-type": "application/json",
  };
  return { ...started, url: `http://127.0.0.1:${port}`, seed, headers };
}

async function batchRun(
  url: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<LoadResult & { eventsPerSecond: number }> {
  const bodies = batchBodies(100);
  const result = await load({
    url,
    path: "/v1/batch",
    seconds,
    connections: BATCH_CONNECTIONS,
    headers,
    nextBody: bodies.next,
  });
  return { ...result, eventsPerSecond: result.okPerSecond * bodies.events };
}

/**
 * CPU seconds spent by the server process, by Postgres and by this process (the load generator or the COPY
 * script) while `run` ran: a machine's speed drifts, CPU per event much less.
 */
async function withCpu<T>(
  serverPid: number,
  run: () => Promise<T>,
): Promise<{ result: T; server: number; postgres: number; self: number }> {
  const before = { server: cpuSeconds(serverPid), postgres: postgresCpuSeconds(), self: process.cpuUsage() };
  const result = await run();
  const self = process.cpuUsage(before.self);
  // Backends that ended (the COPY script's) count once the Postgres server has reaped them.
  await new Promise((resolve) => setTimeout(resolve, 500));
  return {
    result,
    server: cpuSeconds(serverPid) - before.server,
    postgres: postgresCpuSeconds() - before.postgres,
    self: (self.user + self.system) / 1e6,
  };
}

const microseconds = (seconds: number, count: number) => (seconds / count) * 1e6;

async function postgresMode() {
  const name = `cdp_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    progress("Postgres: starting the server");
    const server = await startServer({ DATABASE_URL: url.toString() }, "postgres");
    // The raw limit is measured before and after the batch run and averaged: other work on the machine
    // changes its speed over minutes, and both figures of the ratio should see the same machine.
    progress("Postgres: raw insert limit (before)");
    const before = await withCpu(server.ready.pid, () =>
      copyRate(url.toString(), server.seed.workspaceId, server.seed.sourceId, Math.min(DURATION, 10)),
    );
    if (PIPELINE.includes("catalog")) {
      // The raw limit's rows went into the same table: let the catalog count them before intake is measured,
      // or the batch run would pay for counting rows it did not take in.
      progress("Postgres: the event catalog counts the raw limit's rows");
      const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
      const behind = async () =>
        (
          await db<{ n: number }[]>`select count(*)::int as n from events e, pipeline_cursors c
            where c.consumer = 'catalog' and (e.txid, e.id) > (c.txid, c.event_id)`
        )[0]?.n ?? 1;
      const started = Date.now();
      while ((await behind()) > 0 && Date.now() - started < 300_000) await new Promise((r) => setTimeout(r, 200));
      await db.end();
    }
    progress("Postgres: (a) batches");
    // Warm-up: connections, JIT, caches.
    const warmUp = await batchRun(server.url, server.headers, Math.min(3, DURATION));
    const measured = await withCpu(server.ready.pid, () => batchRun(server.url, server.headers, DURATION));
    const batch = measured.result;
    progress("Postgres: (b) single events");
    const trackBody = trackBodies();
    const single = await load({
      url: server.url,
      path: "/v1/track",
      seconds: DURATION,
      connections: SINGLE_CONNECTIONS,
      headers: server.headers,
      nextBody: trackBody.next,
    });
    const rss = peakRssMb(server.ready.pid);
    const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
    // How far the catalog consumer is behind the log when intake stops, and how long it takes to catch up.
    const behind = async () =>
      (
        await db<{ n: number }[]>`select count(*)::int as n from events e, pipeline_cursors c
          where c.consumer = 'catalog' and (e.txid, e.id) > (c.txid, c.event_id)`
      )[0]?.n ?? null;
    const catalogBehind = PIPELINE.includes("catalog") ? await behind() : null;
    const catchUpStarted = Date.now();
    while (catalogBehind !== null && ((await behind()) ?? 0) > 0 && Date.now() - catchUpStarted < 120_000)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const catalogCatchUpMs = catalogBehind === null ? null : Date.now() - catchUpStarted;
    await stop(server.child);

    const [{ n }] = await db<{ n: number }[]>`select count(*)::int as n from events where message_id not like 'copy-%'`;
    await db.end();

    progress("Postgres: raw insert limit (after)");
    const after = await withCpu(server.ready.pid, () =>
      copyRate(url.toString(), server.seed.workspaceId, server.seed.sourceId, Math.min(DURATION, 10)),
    );
    const [rawBefore, rawAfter] = [before.result.rowsPerSecond, after.result.rowsPerSecond];
    const rawLimit = (rawBefore + rawAfter) / 2;
    const events = batch.ok * 100;
    const copied = before.result.rows + after.result.rows;
    const cpu = {
      server: microseconds(measured.server, events),
      postgres: microseconds(measured.postgres, events),
      load: microseconds(measured.self, events),
      copyPostgres: microseconds(before.postgres + after.postgres, copied),
      copyScript: microseconds(before.self + after.self, copied),
    };

    progress("HTTP ceiling");
    const bare = await startJsonProcess<{ port: number }>(
      "test/bench/bare-http-server.mts",
      [String(await freePort())],
      process.env,
    );
    const ceiling = await load({
      url: `http://127.0.0.1:${bare.ready.port}`,
      path: "/v1/track",
      seconds: Math.min(DURATION, 10),
      connections: SINGLE_CONNECTIONS,
      headers: server.headers,
      nextBody: trackBody.next,
    });
    await stop(bare.child);
    const acknowledged = (warmUp.ok + batch.ok) * 100 + single.ok;
    return {
      batch,
      single,
      rss,
      stored: n,
      acknowledged,
      rawBefore,
      rawAfter,
      rawLimit,
      ceiling,
      cpu,
      catalogBehind,
      catalogCatchUpMs,
    };
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function pgliteMode() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cdp-bench-"));
  try {
    progress("PGlite: starting the server");
    const server = await startServer({ DATABASE_URL: "", CDP_DATA_DIR: dir }, "pglite");
    progress("PGlite: (c) batches");
    await batchRun(server.url, server.headers, Math.min(3, DURATION));
    const measured = await withCpu(server.ready.pid, () => batchRun(server.url, server.headers, DURATION));
    const batch = measured.result;
    const rss = peakRssMb(server.ready.pid);
    await stop(server.child);
    return { batch, rss };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Other work on the machine takes CPU from the server and the database alike: say how busy it was.
const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(
  `Ingestion benchmark: ${DURATION} s per run, ${BATCH_CONNECTIONS} connections for batches, ${SINGLE_CONNECTIONS} for single events, pipeline consumers in the server: ${PIPELINE}, ${os.cpus().length} cores, load average before: ${loadAverage()}\n`,
);
const pg = await postgresMode();
console.log("Postgres (127.0.0.1:5432, fresh database)");
line(
  "(a) /v1/batch, 100 events/request",
  `${fmt(pg.batch.eventsPerSecond)} ev/s`,
  "≥ 25,000",
  pg.batch.eventsPerSecond >= 25_000,
);
line("    p99 latency", `${fmt(pg.batch.p99)} ms`, "< 100 ms", pg.batch.p99 < 100);
line(
  "    errors (connection + non-2xx)",
  `${pg.batch.errors + pg.batch.non2xx}`,
  "0",
  pg.batch.errors + pg.batch.non2xx === 0,
);
line(
  "    raw limit: same rows by COPY",
  `${fmt(pg.rawLimit)} rows/s`,
  `(before ${fmt(pg.rawBefore / 1000, 1)}k, after ${fmt(pg.rawAfter / 1000, 1)}k)`,
);
line(
  "    our rate / raw limit",
  fmt(pg.batch.eventsPerSecond / pg.rawLimit, 2),
  "≥ 0.5",
  pg.batch.eventsPerSecond / pg.rawLimit >= 0.5,
);
line(
  "    CPU per event: server + Postgres",
  `${fmt(pg.cpu.server, 1)} + ${fmt(pg.cpu.postgres, 1)} µs`,
  `(load ${fmt(pg.cpu.load, 1)} µs)`,
);
line(
  "    CPU per row by COPY: script + Postgres",
  `${fmt(pg.cpu.copyScript, 1)} + ${fmt(pg.cpu.copyPostgres, 1)} µs`,
  "",
);
line(
  "(b) /v1/track, one event, ack after commit",
  `${fmt(pg.single.okPerSecond)} req/s`,
  "≥ 5,000",
  pg.single.okPerSecond >= 5_000,
);
line("    p99 latency", `${fmt(pg.single.p99)} ms`, "< 50 ms", pg.single.p99 < 50);
line(
  "    errors (connection + non-2xx)",
  `${pg.single.errors + pg.single.non2xx}`,
  "0",
  pg.single.errors + pg.single.non2xx === 0,
);
line("    HTTP ceiling: bare node:http", `${fmt(pg.ceiling.requestsPerSecond)} req/s`, "");
line("(d) server peak RSS", `${pg.rss} MB`, "< 500 MB", pg.rss < 500);
if (pg.catalogBehind !== null) {
  line(
    "    event catalog behind when intake ends",
    `${fmt(pg.catalogBehind)} events`,
    `(caught up ${fmt((pg.catalogCatchUpMs ?? 0) / 1000, 1)} s later)`,
  );
}
// Requests still in flight when a run ends are stored but not counted as acknowledged.
const inFlightAtEnds = 2 * BATCH_CONNECTIONS * 100 + SINGLE_CONNECTIONS;
line(
  "    events acknowledged / stored",
  `${fmt(pg.acknowledged)} / ${fmt(pg.stored)}`,
  "ack ≤ stored",
  pg.acknowledged <= pg.stored && pg.stored <= pg.acknowledged + inFlightAtEnds,
);

if (!SKIP_PGLITE) {
  const lite = await pgliteMode();
  console.log("\nEmbedded PGlite");
  line("(c) /v1/batch, 100 events/request", `${fmt(lite.batch.eventsPerSecond)} ev/s`, "(figure)");
  line("    p99 latency", `${fmt(lite.batch.p99)} ms`, "");
  line(
    "    errors (connection + non-2xx)",
    `${lite.batch.errors + lite.batch.non2xx}`,
    "0",
    lite.batch.errors + lite.batch.non2xx === 0,
  );
  line("    server peak RSS", `${lite.rss} MB`, "(a new data folder alone costs ~640 MB)");
}
console.log(`\nload average after: ${loadAverage()}`);
