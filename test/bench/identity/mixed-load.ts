/**
 * (4) Mixed load: autocannon ingests batches of 100 live events at a fixed overall rate while the pipeline
 * runs; every 5 s the identity consumer's lag is printed (events not yet processed, age of the oldest). The
 * figure is the lag when the load stops; then how long the consumer takes to drain what is left.
 */
import { cannon, okCount } from "./cannon";
import type { BenchServer, Probe } from "./bench-client";
import { liveTraffic } from "./people";

const BATCH = 100;

export async function runMixedLoad(
  server: BenchServer,
  probe: Probe,
  options: {
    rate: number;
    seconds: number;
    people: number;
    run: string;
    connections: number;
    drainTimeoutSeconds: number;
  },
) {
  const traffic = liveTraffic(options.people, `${options.run}-mixed`);
  const samples: { at: number; unprocessed: number; oldestSeconds: number }[] = [];
  const started = performance.now();
  let loading = true;
  const sampler = (async () => {
    for (let k = 1; loading; k++) {
      await new Promise((resolve) => setTimeout(resolve, started + k * 5_000 - performance.now()));
      if (!loading) break;
      const lag = await probe("lag");
      const at = (performance.now() - started) / 1000;
      samples.push({ at, ...lag });
      console.log(
        `    ${at.toFixed(0).padStart(3)} s   unprocessed ${lag.unprocessed.toLocaleString("en").padStart(9)}   oldest ${lag.oldestSeconds.toFixed(2).padStart(7)} s`,
      );
    }
  })();
  const result = await cannon({
    url: server.url,
    connections: options.connections,
    duration: options.seconds,
    overallRate: Math.max(1, Math.round(options.rate / BATCH)),
    method: "POST",
    headers: server.headers,
    requests: [
      {
        method: "POST",
        path: "/v1/batch",
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ batch: traffic.batch(BATCH) }) }),
      },
    ],
  });
  loading = false;
  const atEnd = await probe("lag");
  await sampler;
  const drainStarted = performance.now();
  let drained = false;
  while (!(drained = await probe("caughtUp")) && performance.now() < drainStarted + options.drainTimeoutSeconds * 1000)
    await new Promise((resolve) => setTimeout(resolve, 100));
  const left = drained ? 0 : (await probe("lag")).unprocessed;
  const ok = okCount(result);
  return {
    eventsPerSecond: (ok * BATCH) / result.duration,
    p99: result.latency.p99,
    failed: result.errors + result.timeouts + result.non2xx,
    samples,
    atEnd,
    drained,
    left,
    drainSeconds: (performance.now() - drainStarted) / 1000,
  };
}
