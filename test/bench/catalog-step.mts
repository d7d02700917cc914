/**
 * `npx tsx test/bench/catalog-step.mts [events]`: where a pipeline step of the event catalog spends its time,
 * on a fresh Postgres database: reading the events (with and without their raw JSON), walking them, upserting.
 */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { openDatabase, rows } from "@/db/client";
import { catalogConsumer } from "@/server/catalog/catalog-consumer";
import { appendEvents } from "@/server/ingestion/append-events";
import { runConsumerStep } from "@/server/pipeline/run-consumer-step";
import { SYSTEM_ACTOR } from "@/server/scope";
import { createSource } from "@/server/sources/create-source";
import { createWorkspace } from "@/server/workspaces/create-workspace";
import { batchBodies } from "./bench-payloads";

const EVENTS = Number(process.argv[2] ?? 40_000);
const ADMIN = "postgres://postgres@127.0.0.1:5432/postgres";
const name = `cdp_catbench_${randomBytes(4).toString("hex")}`;
const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${name}`);
const url = new URL(ADMIN);
url.pathname = `/${name}`;
const handle = await openDatabase({ url: url.toString(), poolSize: 4 });
try {
  await handle.migrate();
  const workspace = await createWorkspace(handle.db, SYSTEM_ACTOR, { name: "Bench" });
  const scope = { db: handle.db, workspaceId: workspace.id, role: "owner" as const, actor: SYSTEM_ACTOR };
  const { source } = await createSource(scope, { name: "HTTP", type: "http" });
  const bodies = batchBodies(100);
  for (let n = 0; n < EVENTS; n += 100) {
    const { batch } = JSON.parse(bodies.next()) as { batch: unknown[] };
    await appendEvents(
      handle.db,
      {
        workspaceId: workspace.id,
        sourceId: source.id,
        messages: batch.map((message) => ({ message, receivedAt: new Date() })),
      },
      { write: "direct" },
    );
  }
  const time = async (label: string, work: () => Promise<unknown>) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await work();
    const used = process.cpuUsage(cpu);
    const ms = performance.now() - started;
    console.log(
      `${label.padEnd(44)} ${((ms * 1000) / EVENTS).toFixed(1).padStart(7)} µs/event wall, ${((used.user + used.system) / EVENTS).toFixed(1).padStart(6)} µs/event node CPU`,
    );
  };
  await time("select all columns (as a step does)", () =>
    rows(
      handle.db,
      sql`SELECT workspace_id, id, txid::text, source_id, type, event, user_id, anonymous_id,
      to_char(timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), raw FROM events ORDER BY txid, id`,
    ),
  );
  await time("select without raw", () =>
    rows(
      handle.db,
      sql`SELECT workspace_id, id, txid::text, source_id, type, event, user_id, anonymous_id,
      to_char(timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') FROM events ORDER BY txid, id`,
    ),
  );
  await time("select raw::text only", () => rows(handle.db, sql`SELECT raw::text FROM events ORDER BY txid, id`));
  await time("select raw only (parsed)", () => rows(handle.db, sql`SELECT raw FROM events ORDER BY txid, id`));
  await time("catalog consumer, all steps", async () => {
    while ((await runConsumerStep(handle.db, catalogConsumer)) > 0);
  });
  const [{ n }] = await rows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM event_catalog`);
  console.log(`catalog rows: ${n}`);
} finally {
  await handle.close();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
