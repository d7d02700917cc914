import { batchBodies } from "./test/bench/bench-payloads";
import { normalizeMessage, type EventRow } from "@/server/ingestion/normalize-message";
import { PathTree } from "@/server/ingestion/catalog-paths";
import { uuidv7 } from "@/db/ids";
const bodies = batchBodies(100);
const N = 400;
const texts = Array.from({ length: N }, () => bodies.next());
function time(label: string, fn: () => void) {
  for (let i = 0; i < 2; i++) fn();
  const t = process.cpuUsage(); fn(); const u = process.cpuUsage(t);
  console.log(label.padEnd(20), ((u.user + u.system) / (N * 100)).toFixed(2), "µs/event");
}
let parsed: any[] = [];
time("JSON.parse", () => { parsed = texts.map((t) => JSON.parse(t)); });
let rows: EventRow[][] = [];
time("normalize", () => { rows = parsed.map((p) => { const d = new Date(); return p.batch.map((m: unknown) => (normalizeMessage(m, { receivedAt: d, batchSentAt: p.sentAt }) as any).row); }); });
time("uuidv7 only", () => { for (let i = 0; i < N * 100; i++) uuidv7(); });
time("JSON.stringify", () => { for (const p of parsed) for (const m of p.batch) JSON.stringify(m); });
const tree = new PathTree(100000);
time("catalog record", () => { for (const rs of rows) for (const r of rs) tree.record(r.message!, 1); });
const { storeEvents } = await import("@/server/ingestion/store-events");
const text = (value: string | null) => (value === null ? "null" : JSON.stringify(value));
const plain = (value: string | null) => (value === null ? "null" : `"${value}"`);
time("rowsJson", () => { for (const rs of rows) { const parts: string[] = []; for (const r of rs) parts.push(`{"id":"${r.id}","m":${text(r.messageId)},"t":"${r.type}","e":${text(r.event)},"u":${text(r.userId)},"a":${text(r.anonymousId)},"g":${text(r.groupId)},"p":${text(r.previousId)},"ts":"${r.timestamp}","ot":${plain(r.originalTimestamp)},"sa":${plain(r.sentAt)},"ra":"${r.receivedAt}","raw":${r.raw}}`); const s = `[${parts.join(",")}]`; Buffer.byteLength(s); } });
