import type { Db } from "@/db/client";
import { flushCatalog } from "../ingestion/catalog-aggregator";
import type { DemoVisitor } from "./create-demo-population";
import { generateMalformed, generateVisit, type TimedMessage } from "./generate-demo-messages";
import { ingestDemoMessages } from "./ingest-demo-messages";
import type { Random } from "./seeded-random";

const DAY = 86_400_000;
// Share of a day's visits per hour: quiet at night, busy at lunch and in the evening.
const HOURLY = [1, 0.5, 0.3, 0.3, 0.3, 0.5, 1, 2, 3, 4, 4, 5, 6, 5, 4, 4, 4, 5, 6, 7, 7, 5, 3, 2];
const HOURLY_SUM = HOURLY.reduce((a, b) => a + b, 0);
const CHUNK = 1_000;

function hourOfDay(random: Random): number {
  let x = random.next() * HOURLY_SUM;
  for (let h = 0; h < HOURLY.length; h++) if ((x -= HOURLY[h]) <= 0) return h;
  return HOURLY.length - 1;
}

/**
 * Visits over the `days` before `now` (a few thousand events for two weeks), in time order so sign-ups come
 * before the visitor's later, identified events; traffic grows a little towards today. Stored events are
 * counted into the event catalog.
 */
export async function backfillDemoHistory(
  db: Db,
  workspaceId: string,
  sourceId: string,
  population: DemoVisitor[],
  random: Random,
  { now = new Date(), days = 14, visitsPerDay = 70 }: { now?: Date; days?: number; visitsPerDay?: number } = {},
) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const starts: number[] = [];
  for (let d = days; d >= 0; d--) {
    const visits = Math.round(visitsPerDay * (0.75 + (0.5 * (days - d)) / days) * (0.85 + random.next() * 0.3));
    for (let v = 0; v < visits; v++) {
      const at = today - d * DAY + hourOfDay(random) * 3_600_000 + random.int(0, 3_599_999);
      if (at < now.getTime() - 600_000) starts.push(at);
    }
  }
  starts.sort((a, b) => a - b);

  const messages: TimedMessage[] = [];
  for (const start of starts) {
    const visitor = random.pick(population);
    messages.push(...generateVisit(visitor, random, new Date(start)));
    if (random.chance(0.03)) messages.push(generateMalformed(visitor, random, new Date(start)));
  }
  let stored = 0;
  let rejected = 0;
  for (let i = 0; i < messages.length; i += CHUNK) {
    const result = await ingestDemoMessages(db, workspaceId, sourceId, messages.slice(i, i + CHUNK));
    stored += result.stored;
    rejected += result.rejected;
  }
  // The catalog is complete when this returns, not a second later.
  await flushCatalog();
  return { stored, rejected };
}
