import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase, rows, type DatabaseConfig, type DatabaseHandle, type Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { appendEvents } from "@/server/ingestion/append-events";
import type { PipelineConsumer, PipelineEvent } from "@/server/pipeline/define-consumer";
import { drainPipeline } from "@/server/pipeline/drain-pipeline";
import { runConsumerStep } from "@/server/pipeline/run-consumer-step";
import { freshDatabase, secondConnection } from "../../helpers/test-db";
import { storeMessages } from "../events/seed-events";
import { createTestSource, type TestSource } from "../ingestion/tracking-server";

/** The commit-ordered cursor: every event once per consumer, none skipped when its transaction commits late. */
let handle: DatabaseHandle;
let source: TestSource;
beforeAll(async () => {
  handle = await freshDatabase();
  source = await createTestSource(handle.db);
  await handle.db.execute(sql`CREATE TABLE consumed (consumer text, message_id text, UNIQUE (consumer, message_id))`);
});
afterAll(() => handle.close());

const track = (messageId: string) => ({ type: "track", userId: "u1", event: "Clicked", messageId });
const store = (...ids: string[]) =>
  storeMessages(handle.db, source.workspaceId, source.sourceId, new Date(), ids.map(track));

/** A consumer that records what it saw, in a table written in the step's transaction, and in memory. */
function recorder(id: string, options: { batchSize?: number; failOn?: string } = {}) {
  const seen: string[] = [];
  const consumer: PipelineConsumer = {
    id,
    batchSize: options.batchSize,
    async handle(tx: Db, events: PipelineEvent[]) {
      for (const e of events) {
        const messageId = String(e.raw.messageId);
        await tx.execute(sql`INSERT INTO consumed VALUES (${id}, ${messageId})`);
        if (messageId === options.failOn) throw new Error(`cannot handle ${messageId}`);
        seen.push(messageId);
      }
    },
  };
  return { consumer, seen };
}

/** Steps the consumer through every event stored so far (waiting, on a shared server, for the horizon). */
const drain = (consumer: PipelineConsumer) => drainPipeline(handle.db, [consumer]);
/** Steps the consumer until a step finds nothing it may read yet. */
const stepUntilIdle = async (consumer: PipelineConsumer) => {
  let total = 0;
  for (let n = await runConsumerStep(handle.db, consumer); n > 0; n = await runConsumerStep(handle.db, consumer))
    total += n;
  return total;
};
const consumed = async (consumer: string) =>
  (
    await rows<{ message_id: string }>(
      handle.db,
      sql`SELECT message_id FROM consumed WHERE consumer = ${consumer} ORDER BY message_id`,
    )
  ).map((r) => r.message_id);

describe("event cursor", () => {
  it("hands every event to a consumer once, in batches, in write order, and resumes from its stored position", async () => {
    await store("a1", "a2", "a3");
    await store("a4");
    await store("a5", "a6", "a7");
    const first = recorder("ordered", { batchSize: 2 });
    expect(await drain(first.consumer)).toBe(7);
    expect([...first.seen].sort()).toEqual(["a1", "a2", "a3", "a4", "a5", "a6", "a7"]);
    // Storage order per statement: a1–a3 before a4 before a5–a7.
    expect(first.seen.indexOf("a4")).toBeGreaterThan(Math.max(...["a1", "a2", "a3"].map((m) => first.seen.indexOf(m))));

    await store("a8");
    const again = recorder("ordered");
    expect(await drain(again.consumer)).toBe(1); // a new process of the same consumer starts where it stopped
    expect(again.seen).toEqual(["a8"]);
  });

  it("orders by transaction id as a number: a backlog crossing 9 → 10 (or 999 → 1000) loses nothing", async () => {
    await store("n9", "n10");
    // Transaction ids far below the horizon, whose text order ("10" before "9") differs from their number order.
    await handle.db.execute(sql`UPDATE events SET txid = '9'::xid8 WHERE message_id = 'n9'`);
    await handle.db.execute(sql`UPDATE events SET txid = '10'::xid8 WHERE message_id = 'n10'`);
    const numeric = recorder("numeric", { batchSize: 1 });
    await drain(numeric.consumer);
    expect(numeric.seen.slice(0, 2)).toEqual(["n9", "n10"]);
    expect(numeric.seen.filter((m) => m === "n9" || m === "n10")).toEqual(["n9", "n10"]);
  });

  it("keeps each consumer's position apart", async () => {
    const other = recorder("other");
    await drain(other.consumer);
    expect((await consumed("other")).length).toBeGreaterThanOrEqual(8);
  });

  it("commits a step's effects with its cursor: a failing step applies nothing and is retried from the same place", async () => {
    await store("f1", "f2", "f3");
    const { consumer: skipPast } = recorder("failing");
    await drain(skipPast); // catch up on the earlier events
    await handle.db.execute(sql`DELETE FROM consumed WHERE consumer = 'failing'`);
    await store("g1", "g2", "g3");
    const failing = recorder("failing", { failOn: "g2" });
    await expect(drain(failing.consumer)).rejects.toThrow(/cannot handle g2/);
    expect(await consumed("failing")).toEqual([]); // g1's effect rolled back with the step
    const fixed = recorder("failing");
    expect(await drain(fixed.consumer)).toBe(3);
    expect(await consumed("failing")).toEqual(["g1", "g2", "g3"]);
  });

  it("never skips an event whose transaction commits after later ones (PostgreSQL: real concurrent transactions)", async () => {
    const target = inject("testDatabase");
    const late = recorder("late");
    await drain(late.consumer);
    if (target.kind === "pglite") {
      // One connection: a transaction cannot stay open beside another. The horizon still admits what committed.
      await store("l1");
      expect(await drain(late.consumer)).toBe(1);
      return;
    }
    const holder = secondConnection(handle);
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedEarly = new Promise<void>((r) => (inserted = r));
    const held = holder.begin(async (tx) => {
      await tx`INSERT INTO events (workspace_id, id, source_id, message_id, type, event, user_id, timestamp, received_at, raw)
               VALUES (${source.workspaceId}, ${uuidv7()}, ${source.sourceId}, 'early-but-late', 'track', 'Clicked', 'u1', now(), now(),
                       ${tx.json({ messageId: "early-but-late" })})`;
      inserted();
      await released;
    });
    await insertedEarly;
    await store("after-1", "after-2"); // commits while the earlier transaction is still open
    expect(await stepUntilIdle(late.consumer)).toBe(0); // held back by the open transaction: delayed, not skipped
    release();
    await held;
    await holder.end();
    expect(await drain(late.consumer)).toBe(3);
    expect(late.seen[late.seen.length - 3]).toBe("early-but-late"); // its transaction id is the older one
    expect(late.seen.slice(-2).sort()).toEqual(["after-1", "after-2"]);
  });
});

/**
 * Exactly once across a crash: the runner runs in a child process (tsx) with a consumer that writes one row
 * per event in its step's transaction, is SIGKILLed mid-stream, and is started again on the same data. On
 * Postgres the child shares the test's server; on PGlite it opens a data folder of its own (PGlite allows one
 * process per folder, so the test opens the folder only while no child runs — the child's lock, left stale by
 * the kill, is taken over).
 */
describe("exactly once across a process kill", () => {
  const CHILD = "test/integration/pipeline/consumer-process.mts";
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function dataLocation(): Promise<{ env: NodeJS.ProcessEnv; config: DatabaseConfig }> {
    const target = inject("testDatabase");
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    if (target.kind === "pglite") {
      const dir = mkdtempSync(path.join(os.tmpdir(), "cdp-pipeline-kill-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const template = await PGlite.create({
        dataDir: path.join(dir, "pg"),
        loadDataDir: new Blob([readFileSync(target.dumpPath)]),
      });
      await template.close();
      return { env: { ...env, CDP_DATA_DIR: dir }, config: { dataDir: dir } };
    }
    const name = `cdp_pkill_${randomBytes(4).toString("hex")}`;
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
    return { env: { ...env, DATABASE_URL: url.toString() }, config: { url: url.toString(), poolSize: 2 } };
  }

  /** Starts the runner's process; `handled` counts the events of the steps it reported. */
  function startRunner(env: NodeJS.ProcessEnv) {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD], { env, stdio: ["ignore", "pipe", "pipe"] });
    cleanups.push(() => void child.kill("SIGKILL"));
    const state = { child, handled: 0, done: false, stderr: "" };
    child.stderr!.on("data", (chunk) => (state.stderr += chunk));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const message = JSON.parse(line) as { handled?: number; done?: boolean };
      state.handled += message.handled ?? 0;
      state.done ||= message.done === true;
    });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    return { state, exited };
  }

  async function waitFor(check: () => boolean, what: string, ms = 60_000) {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Opens the data, runs `work`, closes it again (PGlite: only while no runner process holds the folder). */
  async function withData<T>(config: DatabaseConfig, work: (db: Db) => Promise<T>): Promise<T> {
    const data = await openDatabase(config);
    try {
      return await work(data.db);
    } finally {
      await data.close();
    }
  }

  const appendMessages = (db: Db, target: TestSource, from: number, count: number) =>
    appendEvents(
      db,
      {
        workspaceId: target.workspaceId,
        sourceId: target.sourceId,
        messages: Array.from({ length: count }, (_, i) => ({
          message: { type: "track", userId: `u${i % 7}`, event: "Kill Test", messageId: `k-${from + i}` },
          receivedAt: new Date(),
        })),
      },
      { write: "direct" },
    );

  it("processes every event once when the runner's process is SIGKILLed mid-stream and restarted", async () => {
    const { env, config } = await dataLocation();
    const target = await withData(config, async (db) => {
      const created = await createTestSource(db);
      for (let from = 0; from < 1_000; from += 250) await appendMessages(db, created, from, 250);
      return created;
    });

    const first = startRunner(env);
    await waitFor(() => first.state.handled >= 200 || first.state.done, "the runner to be under way");
    first.state.child.kill("SIGKILL");
    await first.exited;
    expect(first.state.done).toBe(false); // killed mid-stream, not after it finished

    const processedSoFar = await withData(config, async (db) => {
      const [{ n }] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM processed`);
      await appendMessages(db, target, 1_000, 300); // more events while the runner is down
      return n;
    });
    expect(processedSoFar).toBeGreaterThan(0);
    expect(processedSoFar).toBeLessThan(1_000);

    const second = startRunner(env);
    await waitFor(() => second.state.done || second.state.child.exitCode !== null, "the restarted runner to catch up");
    await second.exited;
    expect(second.state.child.exitCode, second.state.stderr).toBe(0);

    await withData(config, async (db) => {
      const [counts] = await rows<{ rows: number; events: number; missing: number }>(
        db,
        sql`SELECT (SELECT count(*)::int FROM processed) AS rows,
                   (SELECT count(DISTINCT event_id)::int FROM processed) AS events,
                   (SELECT count(*)::int FROM events e WHERE NOT EXISTS (SELECT 1 FROM processed p WHERE p.event_id = e.id)) AS missing`,
      );
      expect(counts).toEqual({ rows: 1_300, events: 1_300, missing: 0 });
    });
  }, 120_000);
});
