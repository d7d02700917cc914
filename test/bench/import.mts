/**
 * File import benchmark: `npm run bench:import [-- --mb 200 --format csv|ndjson]`.
 * Writes a generated file of the given size to a temp folder, imports it (track mode) through the same
 * streaming path as the upload route and the CLI, and prints rows/s, MB/s and the process's peak RSS —
 * beside the raw insert speed of the same kind of rows into the same database (storeEvents alone, rows
 * prepared in memory), the limit the import is compared with.
 * Database: a fresh temporary database on BENCH_DATABASE_URL (a postgres:// server URL) when set,
 * else embedded PGlite in a temp folder.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { normalizeMessage } from "@/server/ingestion/normalize-message";
import { storeEvents } from "@/server/ingestion/store-events";
import { rowToMessage } from "@/server/imports/row-to-message";
import { runImport } from "@/server/imports/run-import";
import { startImportSchema } from "@/server/imports/schema";
import { createSource } from "@/server/sources/create-source";
import { createWorkspace } from "@/server/workspaces/create-workspace";
import { SYSTEM_ACTOR } from "@/server/scope";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const targetMb = Number(arg("mb", "200"));
const format = arg("format", "csv") as "csv" | "ndjson";
const serverUrl = process.env.BENCH_DATABASE_URL;

const dir = mkdtempSync(path.join(os.tmpdir(), "cdp-bench-import-"));
const file = path.join(dir, `events.${format}`);
const EVENTS = ["Order Completed", "Product Viewed", "Cart Updated", "Signed Up"];

function row(i: number): string {
  const values = {
    user_id: `user-${i % 50_000}`,
    email: `user${i % 50_000}@example.com`,
    event: EVENTS[i % EVENTS.length],
    ts: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
    amount: ((i * 37) % 10_000) / 100,
    sku: `SKU-${(i * 7) % 9_999}`,
    note: `row ${i} of the generated benchmark file`,
  };
  return format === "csv" ? Object.values(values).join(",") : JSON.stringify(values);
}

async function writeFile(): Promise<number> {
  const out = createWriteStream(file);
  if (format === "csv") out.write("user_id,email,event,ts,amount,sku,note\n");
  let rows = 0;
  let bytes = 0;
  const limit = targetMb * 1024 * 1024;
  while (bytes < limit) {
    const lines: string[] = [];
    for (let k = 0; k < 10_000; k++) lines.push(row(rows++));
    const chunk = `${lines.join("\n")}\n`;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return rows;
}

async function openBenchDatabase(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (!serverUrl) {
    const handle = await openDatabase({ dataDir: path.join(dir, "db") });
    return { handle, drop: async () => {} };
  }
  const name = `cdp_import_bench_${randomBytes(4).toString("hex")}`;
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

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (n: number) => (n / 1024 / 1024).toFixed(0);

const rows = await writeFile();
const size = statSync(file).size;
console.log(`file: ${mb(size)} MB ${format}, ${rows.toLocaleString("en")} rows (${dir})`);

const { handle, drop } = await openBenchDatabase();
try {
  await handle.migrate();
  const workspace = await createWorkspace(handle.db, SYSTEM_ACTOR, { name: "Bench" });
  const scope = { db: handle.db, workspaceId: workspace.id, role: "owner" as const, actor: SYSTEM_ACTOR };
  const source = (await createSource(scope, { name: "Bench file", type: "file" })).source;
  const input = startImportSchema.parse({
    sourceId: source.id,
    fileName: path.basename(file),
    format,
    mapping: {
      mode: "track",
      eventColumn: "event",
      userIdColumn: "user_id",
      emailColumn: "email",
      timestampColumn: "ts",
      columns: ["amount", "sku", "note"],
    },
  });

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  const started = performance.now();
  let lastReport = started;
  const summary = await runImport(scope, input, createReadStream(file, { highWaterMark: 1024 * 1024 }), {
    totalBytes: size,
    onProgress: (p) => {
      if (performance.now() - lastReport < 5_000) return;
      lastReport = performance.now();
      console.log(
        `  ${Math.floor((100 * p.processedBytes) / size)}%  ${p.rowsImported.toLocaleString("en")} rows  rss ${mb(process.memoryUsage().rss)} MB`,
      );
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const importPeak = peakRss;

  // The limit: storeEvents alone, on rows of the same shape mapped beforehand in memory (rows the file
  // does not have, so they are new), into the same database in the same chunks: no file, no parsing.
  const sample = 100_000;
  const columns = input.mapping.columns ?? [];
  const prepared = Array.from({ length: sample }, (_, k) => {
    const i = rows + k;
    const record = {
      user_id: `user-${i % 50_000}`,
      email: `user${i % 50_000}@example.com`,
      event: EVENTS[i % EVENTS.length],
      ts: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
      amount: String(((i * 37) % 10_000) / 100),
      sku: `SKU-${(i * 7) % 9_999}`,
      note: `row ${i} of the generated benchmark file`,
    };
    const mapped = rowToMessage(record, input.mapping, columns, {
      sourceId: source.id,
      importId: summary.importId,
      fileName: input.fileName,
      format,
      rowNumber: i + 2,
    });
    const n = mapped.ok ? normalizeMessage(mapped.message, { receivedAt: new Date() }) : null;
    if (!n?.ok) throw new Error("the limit's rows should map");
    return n.row;
  });
  const rawStarted = performance.now();
  for (let i = 0; i < sample; i += 1_000)
    await storeEvents(handle.db, workspace.id, source.id, prepared.slice(i, i + 1_000));
  const rawSeconds = (performance.now() - rawStarted) / 1000;

  console.log(`\ndatabase: ${handle.driver}`);
  console.log(
    `import:   ${summary.status}, ${summary.rowsImported.toLocaleString("en")} imported, ${summary.rowsDuplicate} duplicate, ${summary.rowsFailed} failed in ${seconds.toFixed(1)} s`,
  );
  console.log(
    `          ${Math.round(summary.rowsImported / seconds).toLocaleString("en")} rows/s, ${(size / 1024 / 1024 / seconds).toFixed(1)} MB/s`,
  );
  console.log(`          RSS ${mb(rssBefore)} MB before, peak ${mb(importPeak)} MB during the import`);
  console.log(
    `limit:    storeEvents alone, the same kind of rows mapped beforehand, same chunks of 1,000: ${Math.round(sample / rawSeconds).toLocaleString("en")} rows/s`,
  );
} finally {
  clearInterval(sampler);
  await handle.close();
  await drop();
  rmSync(dir, { recursive: true, force: true });
}
