import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import { normalizeMessage, type EventRow } from "@/server/ingestion/normalize-message";
import { storeEvents } from "@/server/ingestion/store-events";
import { sampleEvent } from "./test/bench/bench-payloads";

const ADMIN = "postgres://postgres@127.0.0.1:5432/postgres";
const admin = postgres(ADMIN, { max: 1, onnotice: () => {} });
await admin.unsafe("DROP DATABASE IF EXISTS cdp_exp"); await admin.unsafe("CREATE DATABASE cdp_exp");
const url = "postgres://postgres@127.0.0.1:5432/cdp_exp";
const h = await openDatabase({ url, poolSize: 4 });
await h.migrate();
const ws = "01a225d5-3fe2-73a3-8500-380ddd473cff", src = "01a225d5-3fee-7420-828f-8b0cc42f3875";
let k = 0;
const rows = (n: number): EventRow[] => Array.from({ length: n }, (_, i) => { const r = normalizeMessage(sampleEvent(`m-${k++}`, i), { receivedAt: new Date() }); if (!r.ok) throw 1; return r.row; });

const JSON_INSERT = `
  INSERT INTO events (workspace_id, id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, timestamp, original_timestamp, sent_at, received_at, raw)
  SELECT $1::uuid, t.id, $2::uuid, t.m, t.t, t.e, t.u, t.a, t.g, t.p, t.ts, t.ot, t.sa, t.ra, t.raw
  FROM json_to_recordset($3::json) AS t(id uuid, m text, t text, e text, u text, a text, g text, p text, ts timestamptz, ot timestamptz, sa timestamptz, ra timestamptz, raw jsonb)
  ON CONFLICT (workspace_id, message_id) DO NOTHING RETURNING message_id`;
const s = (v: string | null) => (v === null ? "null" : JSON.stringify(v));
function jsonParam(batch: EventRow[]) {
  let out = "[";
  for (let i = 0; i < batch.length; i++) {
    const r = batch[i];
    if (i) out += ",";
    out += `{"id":"${r.id}","m":${s(r.messageId)},"t":"${r.type}","e":${s(r.event)},"u":${s(r.userId)},"a":${s(r.anonymousId)},"g":${s(r.groupId)},"p":${s(r.previousId)},"ts":"${r.timestamp}","ot":${s(r.originalTimestamp)},"sa":${s(r.sentAt)},"ra":"${r.receivedAt}","raw":${r.raw}}`;
  }
  return out + "]";
}

async function bench(label: string, batchSize: number, total: number, fn: (b: EventRow[]) => Promise<unknown>) {
  const batches = Array.from({ length: total / batchSize }, () => rows(batchSize));
  const cpu0 = process.cpuUsage(); const t0 = performance.now();
  for (const b of batches) await fn(b);
  const ms = performance.now() - t0; const cpu = process.cpuUsage(cpu0);
  console.log(label.padEnd(30), `${Math.round(total / (ms / 1000))} rows/s`, `node cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms of ${Math.round(ms)} ms`);
}
for (const size of [100, 1000]) {
  await bench(`unnest text[] x${size}`, size, 20000, (b) => storeEvents(h.db, ws, src, b));
  await bench(`json_to_recordset x${size}`, size, 20000, (b) => rawQuery(h.db, JSON_INSERT, [ws, src, jsonParam(b)]));
}
await bench(`unnest text[] x100 again`, 100, 20000, (b) => storeEvents(h.db, ws, src, b));
await h.close(); await admin.unsafe("DROP DATABASE cdp_exp WITH (FORCE)"); await admin.end();
