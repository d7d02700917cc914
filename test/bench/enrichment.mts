/**
 * Enrichment benchmark: `npx tsx test/bench/enrichment.mts [--rows 100000] [--profiles 80000]`.
 * Makes `profiles` profiles with an email each (written straight in SQL), generates a CSV of `rows` rows keyed
 * by email (most matching, the rest not, a few invalid) with five trait columns, and applies it through the
 * upload's path (CSV reader → chunks → survivorship), printing rows/s — beside the limit it is compared
 * with: inserting the same number of trait_history rows alone (one multi-row statement per chunk).
 * Database: a fresh temporary database on BENCH_DATABASE_URL (a postgres:// server URL) when set, else
 * embedded PGlite in a temp folder.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { readEnrichmentCsv } from "@/server/enrichment/read-enrichment-csv";
import { CHUNK_ROWS, runEnrichment } from "@/server/enrichment/run-enrichment";
import { startEnrichmentSchema } from "@/server/enrichment/schema";
import { createWorkspace } from "@/server/workspaces/create-workspace";
import { SYSTEM_ACTOR } from "@/server/scope";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return Number(i > 0 ? process.argv[i + 1] : fallback);
};
const ROWS = arg("rows", "100000");
const PROFILES = arg("profiles", "80000");
const serverUrl = process.env.BENCH_DATABASE_URL;
const dir = mkdtempSync(path.join(os.tmpdir(), "cdp-bench-enrichment-"));

async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (!serverUrl) return { handle: await openDatabase({ dataDir: path.join(dir, "db") }), drop: async () => {} };
  const name = `cdp_enrichment_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 4 });
  return {
    handle,
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const PLANS = ["free", "pro", "team", "enterprise"];
const lines = ["email,company,plan,seats,vip,region"];
for (let i = 0; i < ROWS; i++) {
  const email = i % 500 === 7 ? "not-an-email" : `person${i}@example.com`;
  lines.push(`${email},Company ${i % 997},${PLANS[i % 4]},${(i % 50) + 1},${i % 3 === 0},eu-${i % 5}`);
}
const csv = Buffer.from(lines.join("\n") + "\n");

const { handle, drop } = await openBenchDatabase();
try {
  await handle.migrate();
  const workspace = await createWorkspace(handle.db, SYSTEM_ACTOR, { name: "Bench" });
  const w = workspace.id;
  const source = uuidv7();
  await handle.db.execute(sql`INSERT INTO profiles (workspace_id, id, first_seen, last_seen)
    SELECT ${w}, ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, now(), now() FROM generate_series(0, ${PROFILES - 1}) i`);
  await handle.db
    .execute(sql`INSERT INTO identities (workspace_id, type, value, profile_id, first_seen, last_seen, first_event_id, source_id)
    SELECT ${w}, 'email', 'person' || i || '@example.com', ('00000000-0000-7000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, now(), now(), gen_random_uuid(), ${source}
    FROM generate_series(0, ${PROFILES - 1}) i`);
  console.log(
    `${PROFILES.toLocaleString("en")} profiles; file: ${ROWS.toLocaleString("en")} rows, ${(csv.length / 1024 / 1024).toFixed(1)} MB`,
  );

  const scope = { db: handle.db, workspaceId: w, role: "owner" as const, actor: SYSTEM_ACTOR };
  const input = startEnrichmentSchema.parse({
    fileName: "bench.csv",
    mapping: { keyType: "email", keyColumn: "email" },
  });
  async function* body() {
    for (let i = 0; i < csv.length; i += 256 * 1024) yield csv.subarray(i, i + 256 * 1024);
  }
  const started = performance.now();
  const reader = await readEnrichmentCsv(body(), ",", csv.length);
  const summary = await runEnrichment(scope, input, reader.columns, reader.batches);
  const seconds = (performance.now() - started) / 1000;

  // The limit: the same number of trait_history rows (five per matched row), inserted alone in chunks.
  const perChunk = CHUNK_ROWS * 5;
  const total = summary.traitsWritten;
  const rawStarted = performance.now();
  for (let done = 0; done < total; done += perChunk) {
    const n = Math.min(perChunk, total - done);
    const rows = Array.from({ length: n }, (_, k) => ({
      profile: `00000000-0000-7000-8000-${((done + k) % PROFILES).toString(16).padStart(12, "0")}`,
      event: uuidv7(),
      name: `t${k % 5}`,
      value: k,
      at: new Date().toISOString(),
      source,
    }));
    await handle.db
      .execute(sql`INSERT INTO trait_history (workspace_id, profile_id, event_id, name, value, event_time, source_id)
      SELECT ${w}, profile, event, name, value, at, source FROM json_to_recordset(${JSON.stringify(rows)}::json)
      AS r(profile uuid, event uuid, name text, value jsonb, at timestamptz, source uuid)`);
  }
  const rawSeconds = (performance.now() - rawStarted) / 1000;

  console.log(`\ndatabase: ${handle.driver}`);
  console.log(
    `enrichment: ${summary.status}, ${summary.rowsMatched.toLocaleString("en")} matched, ${summary.rowsUnmatched.toLocaleString("en")} unmatched, ${summary.rowsInvalid} invalid, ${summary.traitsWritten.toLocaleString("en")} trait values in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `            ${Math.round(summary.rowsTotal / seconds).toLocaleString("en")} rows/s (chunks of ${CHUNK_ROWS})`,
  );
  console.log(
    `limit:      the same ${total.toLocaleString("en")} trait_history rows inserted alone, ${perChunk} per statement: ${rawSeconds.toFixed(1)} s (${Math.round(total / 5 / rawSeconds).toLocaleString("en")} file rows/s)`,
  );
} finally {
  await handle.close();
  await drop();
  rmSync(dir, { recursive: true, force: true });
}
