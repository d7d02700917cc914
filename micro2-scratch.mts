import { batchBodies } from "./test/bench/bench-payloads";
import { normalizeMessage } from "@/server/ingestion/normalize-message";
const bodies = batchBodies(100);
const parsed = Array.from({ length: 400 }, () => JSON.parse(bodies.next()));
for (let k = 0; k < 10; k++) for (const p of parsed) { const d = new Date(); for (const m of p.batch) normalizeMessage(m, { receivedAt: d, batchSentAt: p.sentAt }); }
