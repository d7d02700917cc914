import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sources } from "@/db/schema";
import { createDemoPopulation } from "./create-demo-population";
import { generateMalformed, generateVisit } from "./generate-demo-messages";
import { ingestDemoMessages } from "./ingest-demo-messages";
import { createRandom } from "./seeded-random";

export interface DemoTrafficOptions {
  /** Average pause between two bursts of visits (jittered ±50 %). */
  intervalMs?: number;
  /** Share of bursts that include one malformed event, so the debugger shows refusals too. */
  malformedRate?: number;
  onError?: (error: unknown) => void;
}

/**
 * Live demo traffic: every few seconds one or two of the ~200 demo visitors do something on the shop (about
 * one event a second on average), stored through the ingestion steps. Pauses while the source is disabled
 * and ends for good once it is deleted. Returns `stop`, which resolves when a burst in progress has
 * finished (call it before closing the database).
 */
export function startDemoTraffic(
  db: Db,
  workspaceId: string,
  sourceId: string,
  options: DemoTrafficOptions = {},
): () => Promise<void> {
  const { intervalMs = 4_000, malformedRate = 0.08, onError = (e) => console.error("demo traffic:", e) } = options;
  const population = createDemoPopulation(workspaceId);
  const random = createRandom(`live:${workspaceId}:${Date.now()}`);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function burst() {
    const [source] = await db
      .select({ enabled: sources.enabled })
      .from(sources)
      .where(and(eq(sources.workspaceId, workspaceId), eq(sources.id, sourceId)));
    if (!source) {
      stopped = true;
      return;
    }
    if (!source.enabled) return;
    const now = new Date();
    const messages = [];
    for (let n = random.int(1, 2); n > 0; n--) messages.push(...generateVisit(random.pick(population), random, now, 1));
    if (random.chance(malformedRate)) messages.push(generateMalformed(random.pick(population), random, now));
    await ingestDemoMessages(db, workspaceId, sourceId, messages);
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(
      () => {
        running = burst().catch(onError).finally(schedule);
      },
      intervalMs * (0.5 + random.next()),
    );
    timer.unref();
  }
  schedule();

  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
