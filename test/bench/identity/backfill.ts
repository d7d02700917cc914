/**
 * (1) Backfill: ingest the generated people's events with the pipeline stopped (ingest's own rate), then start
 * the pipeline and time the identity consumer catching up from zero; then the write limit on the same events,
 * and the correctness check (one profile per person).
 */
import { cannon } from "./cannon";
import type { BenchServer, Probe } from "./bench-client";
import { backfillBodies, type BackfillPlan } from "./people";

export interface StepTimings {
  wallMs: number;
  events: Record<string, number>;
  rows: { label: string; ms: number; calls: number }[];
}

const progress = (what: string) => process.stderr.write(`… ${what}\n`);

export async function runBackfill(
  server: BenchServer,
  probe: Probe,
  plan: BackfillPlan,
  options: { connections: number; timed: boolean; run: string; resolveTimeoutSeconds: number },
) {
  const bodies = backfillBodies(plan, 100, options.run);
  let last = "";
  progress(
    `backfill: ingesting ${plan.events.toLocaleString("en")} events of ${plan.people.toLocaleString("en")} people`,
  );
  const ingestStarted = performance.now();
  const result = await cannon({
    url: server.url,
    connections: options.connections,
    amount: bodies.batches,
    method: "POST",
    headers: server.headers,
    requests: [
      {
        method: "POST",
        path: "/v1/batch",
        // Past the end (should autocannon ask once more), the last body again: its messageIds are duplicates.
        setupRequest: (request) => ({ ...request, body: (last = bodies.next() ?? last) }),
      },
    ],
  });
  const ingestSeconds = (performance.now() - ingestStarted) / 1000;
  const stored = (await probe("counts", server.seed.workspaceId)).events;
  const ingest = {
    seconds: ingestSeconds,
    stored,
    eventsPerSecond: stored / ingestSeconds,
    p99: result.latency.p99,
    failed: result.errors + result.timeouts + result.non2xx,
  };

  progress("backfill: the identity consumer catches up from zero");
  const resolveStarted = performance.now();
  await server.control("pipeline/start", { timed: options.timed });
  let nextReport = resolveStarted + 10_000;
  const giveUpAt = resolveStarted + options.resolveTimeoutSeconds * 1000;
  let caughtUp = false;
  while (!(caughtUp = await probe("caughtUp")) && performance.now() < giveUpAt) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (performance.now() > nextReport) {
      nextReport += 10_000;
      const { unprocessed } = await probe("lag");
      const seconds = (performance.now() - resolveStarted) / 1000;
      progress(
        `  ${seconds.toFixed(0)} s: ${(stored - unprocessed).toLocaleString("en")} of ${stored.toLocaleString("en")} resolved`,
      );
    }
  }
  const resolveSeconds = (performance.now() - resolveStarted) / 1000;
  const { timings } = await server.control<{ timings: StepTimings | null }>("pipeline/stop");
  // Given up: the rate over what was resolved until then (the start, with the largest backlog).
  const resolved = caughtUp ? stored : stored - (await probe("lag")).unprocessed;

  progress("backfill: correctness");
  const counts = await probe("counts", server.seed.workspaceId);
  const people = await probe("people", server.seed.workspaceId);

  progress("backfill: the write limit (same reads, equivalent inserts, no resolution)");
  const limit = await server.control<{ events: number; seconds: number }>("limit");
  return {
    ingest,
    resolve: { seconds: resolveSeconds, resolved, caughtUp, eventsPerSecond: resolved / resolveSeconds, timings },
    limit: { ...limit, eventsPerSecond: limit.events / limit.seconds },
    counts,
    people,
  };
}
