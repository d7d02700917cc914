/**
 * `npm run bench:identity [-- --pglite] [--quick] [--events N --people N] [--fresh-rate N --fresh-seconds N]
 *   [--api-rate N --api-seconds N] [--mixed-rate N --mixed-seconds N] [--connections N] [--no-timing] [--keep]
 *   [--phases freshness,api,mixed] [--resolve-timeout S] [--drain-timeout S]`
 * (each flag also as IDENTITY_BENCH_<NAME>, e.g. IDENTITY_BENCH_EVENTS=50000)
 *
 * Identity resolution and profiles under load, each figure beside its target or its limit on this machine:
 *  (1) backfill: N events of M people (identify, track, page; anonymous_id, user_id, email; 5% on two devices)
 *      ingested, then the identity consumer catching up from zero, beside the write limit — the same reads
 *      through the cursor query and equivalent set-based inserts without the resolution — and one profile per
 *      person checked; where the consumer's time goes, statement by statement
 *  (2) freshness at ~1,000 events/s: from the 200 to the profile reflecting the event, p50/p95
 *  (3) the Profile API at a fixed rate on the backfilled profiles: p99 (skipped until it has landed)
 *  (4) mixed load: ingesting at 10,000 events/s for 60 s, the pipeline's lag every 5 s and at the end
 * Postgres by default: a fresh database made with createdb on 127.0.0.1 and dropped afterwards. --pglite runs
 * the embedded database in a temporary folder, with smaller sizes by default. The server is a child process
 * (test/bench/identity/bench-server.mts: the real fast path and pipeline). --quick: a run of under a minute.
 */
import { randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { stop } from "./bench-processes";
import { runBackfill, type StepTimings } from "./identity/backfill";
import { openProbe, startBenchServer } from "./identity/bench-client";
import { runFreshness } from "./identity/freshness";
import { runMixedLoad } from "./identity/mixed-load";
import { backfillPlan } from "./identity/people";
import { createProfilesToken, profileApiMissing, runProfileApi } from "./identity/profile-api";

const args = process.argv.slice(2);
const PGLITE = args.includes("--pglite");
const QUICK = args.includes("--quick") || process.env.IDENTITY_BENCH_QUICK === "1";
function flag(name: string, full: number, pglite: number, quick: number): number {
  const i = args.indexOf(`--${name}`);
  const fromEnv = process.env[`IDENTITY_BENCH_${name.toUpperCase().replace(/-/g, "_")}`];
  const value = i >= 0 ? Number(args[i + 1]) : fromEnv ? Number(fromEnv) : QUICK ? quick : PGLITE ? pglite : full;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
const plan = backfillPlan(flag("events", 1_000_000, 200_000, 50_000), flag("people", 200_000, 40_000, 10_000));
const FRESH = { rate: flag("fresh-rate", 1_000, 1_000, 1_000), seconds: flag("fresh-seconds", 30, 30, 5) };
const API = { rate: flag("api-rate", 500, 500, 500), seconds: flag("api-seconds", 30, 30, 5) };
const MIXED = { rate: flag("mixed-rate", 10_000, 2_000, 10_000), seconds: flag("mixed-seconds", 60, 60, 10) };
const CONNECTIONS = flag("connections", 10, 10, 10);
const TIMED = !args.includes("--no-timing");
/** The identity consumer's catch-up is given up after this long (the rate so far is reported). */
const RESOLVE_TIMEOUT = flag("resolve-timeout", 3_600, 3_600, 300);
/** After the mixed load, how long the consumer may take to drain what is left. */
const DRAIN_TIMEOUT = flag("drain-timeout", 300, 300, 20);
/** The phases after the backfill (which always runs: they need its profiles). */
const PHASES = (
  args.includes("--phases")
    ? args[args.indexOf("--phases") + 1]
    : (process.env.IDENTITY_BENCH_PHASES ?? "freshness,api,mixed")
).split(",");
/** Keep the database (or data folder) afterwards, to look into it; its name is printed. */
const KEEP = args.includes("--keep");
const RUN = randomBytes(4).toString("hex");

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const verdict = (ok: boolean) => (ok ? "✓ met" : "✗ missed");
const line = (label: string, value: string, target: string, ok?: boolean) =>
  console.log(
    `  ${label.padEnd(44)} ${value.padStart(18)}   ${target.padEnd(30)} ${ok === undefined ? "" : verdict(ok)}`,
  );
const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

/**
 * The step timings, largest first: each statement under the consumer that ran it (or "step": the pipeline's
 * cursor, events read, begin/commit), each consumer's handle as a whole, and its JavaScript (handle − its
 * statements); ms per 1,000 events the identity consumer handled.
 */
function printTimings(t: StepTimings, title: string) {
  // Per 1,000 events the identity consumer handled (the catalog's steps are counted in its own events).
  const events = t.events.identity ?? Math.max(0, ...Object.values(t.events));
  const handled = Object.entries(t.events)
    .map(([id, n]) => `${fmt(n)} events through ${id}`)
    .join(", ");
  console.log(`\n  ${title} (${fmt(t.wallMs / 1000, 1)} s wall, ${handled}):`);
  console.log(
    `  ${"".padEnd(84)} ${"total s".padStart(8)} ${"share".padStart(6)} ${"calls".padStart(7)} ${"ms/1k ev".padStart(9)}`,
  );
  const js = Object.keys(t.events).map((id) => {
    const handle = t.rows.find((r) => r.label === `${id}: handle, all of it`)?.ms ?? 0;
    const statements = t.rows
      .filter((r) => r.label.startsWith(`${id}: `) && r.label !== `${id}: handle, all of it`)
      .reduce((sum, r) => sum + r.ms, 0);
    return {
      label: `${id}: JavaScript + builder queries (handle − its statements)`,
      ms: handle - statements,
      calls: 0,
    };
  });
  for (const r of [...t.rows, ...js].sort((a, b) => b.ms - a.ms).filter((r) => r.ms >= t.wallMs / 500))
    console.log(
      `  ${r.label.slice(0, 84).padEnd(84)} ${fmt(r.ms / 1000, 2).padStart(8)} ${`${fmt((100 * r.ms) / t.wallMs, 0)}%`.padStart(6)} ${String(r.calls || "").padStart(7)} ${fmt((r.ms / events) * 1000, 1).padStart(9)}`,
    );
}

async function main() {
  const mode = PGLITE ? "PGlite (embedded, temporary folder)" : "Postgres (127.0.0.1:5432, fresh database)";
  console.log(
    `Identity benchmark — ${mode}${QUICK ? ", quick run" : ""}: ${fmt(plan.events)} events of ${fmt(plan.people)} people, ${os.cpus().length} cores, load average before: ${loadAverage()}\n`,
  );
  let databaseUrl: string | null = null;
  let dataDir: string | null = null;
  let env: Record<string, string>;
  if (PGLITE) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "cdp-identity-bench-"));
    env = { DATABASE_URL: "", CDP_DATA_DIR: dataDir };
  } else {
    const name = `cdp_identity_bench_${RUN}`;
    execFileSync("createdb", ["-h", "127.0.0.1", "-U", "postgres", name]);
    databaseUrl = `postgres://postgres@127.0.0.1:5432/${name}`;
    env = { DATABASE_URL: databaseUrl };
  }
  let server = await startBenchServer(env);
  const probes = await openProbe(databaseUrl, () => server);
  try {
    const { probe } = probes;
    const workspaceId = server.seed.workspaceId;

    const b = await runBackfill(server, probe, plan, {
      connections: CONNECTIONS,
      timed: TIMED,
      run: RUN,
      resolveTimeoutSeconds: RESOLVE_TIMEOUT,
    });
    console.log("(1) Backfill");
    line(
      "ingest /v1/batch, 100 events/request",
      `${fmt(b.ingest.eventsPerSecond)} ev/s`,
      `(${fmt(b.ingest.stored)} stored in ${fmt(b.ingest.seconds, 1)} s)`,
    );
    line("    failed requests", String(b.ingest.failed), "0", b.ingest.failed === 0);
    line(
      "identity resolution, catching up from zero",
      `${fmt(b.resolve.eventsPerSecond)} ev/s`,
      "target ≥ 20,000 ev/s",
      b.resolve.eventsPerSecond >= 20_000,
    );
    if (!b.resolve.caughtUp)
      console.log(
        `      given up after ${fmt(b.resolve.seconds)} s (--resolve-timeout): ${fmt(b.resolve.resolved)} of ${fmt(b.ingest.stored)} resolved; the rate is over those`,
      );
    line(
      "    the limit: same reads + inserts, no resolution",
      `${fmt(b.limit.eventsPerSecond)} ev/s`,
      `(${fmt(b.limit.events)} events in ${fmt(b.limit.seconds, 1)} s)`,
    );
    line("    resolution / limit", fmt(b.resolve.eventsPerSecond / b.limit.eventsPerSecond, 2), "");
    if (b.resolve.caughtUp) {
      line(
        "profiles (not merged) = people",
        `${fmt(b.counts.profiles)} / ${fmt(plan.people)}`,
        "equal",
        b.counts.profiles === plan.people,
      );
      line(
        "    people split over several profiles",
        String(b.people.split),
        "0",
        b.people.split === 0 && b.people.people === plan.people,
      );
      line(
        "    merges (second devices joined)",
        fmt(b.counts.merged),
        `expected ${fmt(Math.ceil(plan.people / 20))}`,
        b.counts.merged === Math.ceil(plan.people / 20),
      );
      line(
        "    events on a profile = events stored",
        `${fmt(b.counts.profileEvents)} / ${fmt(b.counts.events)}`,
        "equal",
        b.counts.profileEvents === b.counts.events,
      );
      line(
        "    identities · links · trait history",
        `${fmt(b.counts.identities)} · ${fmt(b.counts.links)} · ${fmt(b.counts.traitHistory)}`,
        "",
      );
    } else console.log("  correctness not checked: the consumer did not catch up");
    if (b.resolve.timings) printTimings(b.resolve.timings, "Where the pipeline's time went while catching up");

    // The token is made before the server runs the live phases: on PGlite the CLI needs the data folder to itself.
    const missing = PHASES.includes("api") ? profileApiMissing() : "not asked for (--phases)";
    let token: string | null = null;
    let tokenProblem: string | null = missing;
    if (!missing) {
      try {
        if (PGLITE) await stop(server.child);
        token = createProfilesToken(env, workspaceId);
      } catch (error) {
        tokenProblem = `could not create a profiles:read token: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
      } finally {
        if (PGLITE) server = await startBenchServer(env, server.seed);
      }
    }
    const apiPhase = async () => {
      const stored = await probe("counts", workspaceId);
      console.log(
        `\n(3) Profile API at ${fmt(API.rate)} requests/s for ${API.seconds} s, ${fmt(stored.profiles)} profiles stored`,
      );
      if (!token) return console.log(`  skipped: ${tokenProblem}`);
      const emails = await probe("emails", workspaceId);
      const a = await runProfileApi(server, token, { ...API, emails, connections: 20 });
      line("GET /v1/profiles/email:…/traits", `${fmt(a.requestsPerSecond)} req/s`, `(status ${a.statusCodes})`);
      line("    over random stored emails", fmt(emails.length), "");
      line("p50", `${fmt(a.p50)} ms`, "");
      line("p99", `${fmt(a.p99)} ms`, "target < 20 ms", a.p99 < 20);
      line("failed (errors + non-2xx)", String(a.failed), "0", a.failed === 0);
    };
    if (!b.resolve.caughtUp) {
      // The profiles stored so far still make a Profile API figure (the pipeline stopped); the live phases
      // would measure the backlog instead.
      console.log("\n(2) and (4) skipped: they need the backfill resolved");
      return await apiPhase();
    }

    // Each live phase runs the pipeline afresh, timed, and prints where its time went.
    const startPipeline = () => server.control("pipeline/start", { timed: TIMED });
    const stopPipeline = async (title: string) => {
      const { timings } = await server.control<{ timings: StepTimings | null }>("pipeline/stop");
      if (timings) printTimings(timings, title);
    };
    if (PHASES.includes("freshness")) {
      await startPipeline();
      const f = await runFreshness(server, probe, {
        ...FRESH,
        people: plan.people,
        run: RUN,
        api: token ? { token } : null,
      });
      console.log(
        `\n(2) Freshness at ${fmt(FRESH.rate)} events/s for ${FRESH.seconds} s (from the 200 until ${f.via} shows the event)`,
      );
      line("ingested", `${fmt(f.eventsPerSecond)} ev/s`, `(${fmt(f.probes)} probes, ${f.failed} failed requests)`);
      line("p50", `${fmt(f.p50)} ms`, "");
      line("p95", `${fmt(f.p95)} ms`, "target < 1,000 ms", f.p95 < 1_000);
      line(
        "max · probes never reflected (15 s)",
        `${fmt(f.max)} ms · ${f.unreflected}`,
        "0 unreflected",
        f.unreflected === 0,
      );
      if (f.oldestWriter)
        line(
          "    longest write transaction on the server",
          `${fmt(f.oldestWriter.seconds, 2)} s`,
          `(in ${f.oldestWriter.database}: ${f.oldestWriter.query.slice(0, 40)})`,
        );
      await stopPipeline("Where the pipeline's time went during (2)");
    }

    if (token) await server.control("pipeline/start"); // idle, as in the real server
    await apiPhase();
    if (token) await server.control("pipeline/stop");

    if (PHASES.includes("mixed")) {
      console.log(
        `\n(4) Mixed load: ingesting ${fmt(MIXED.rate)} events/s for ${MIXED.seconds} s, identity consumer's lag every 5 s`,
      );
      await startPipeline();
      const m = await runMixedLoad(server, probe, {
        ...MIXED,
        people: plan.people,
        run: RUN,
        // Twice the connections: at a fixed rate, slower answers must not lower the rate sent.
        connections: CONNECTIONS * 2,
        drainTimeoutSeconds: DRAIN_TIMEOUT,
      });
      line("ingested", `${fmt(m.eventsPerSecond)} ev/s`, `(p99 ${fmt(m.p99)} ms, ${m.failed} failed)`);
      line(
        "lag at the end: oldest unprocessed",
        `${fmt(m.atEnd.oldestSeconds, 2)} s`,
        "target < 2 s",
        m.atEnd.oldestSeconds < 2,
      );
      line("    events unprocessed at the end", fmt(m.atEnd.unprocessed), "");
      line(
        m.drained ? "    then drained in" : "    not drained within --drain-timeout",
        `${fmt(m.drainSeconds, 1)} s`,
        m.drained ? "" : `(${fmt(m.left)} left)`,
      );
      await stopPipeline("Where the pipeline's time went during (4), load and drain");
    }
  } finally {
    await probes.close();
    await stop(server.child);
    if (KEEP) console.log(`kept: ${databaseUrl ?? dataDir}`);
    else if (databaseUrl)
      execFileSync("dropdb", ["-h", "127.0.0.1", "-U", "postgres", "--force", new URL(databaseUrl).pathname.slice(1)]);
    else if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nload average after: ${loadAverage()}`);
}

await main();
