/**
 * (2) Freshness: SDK-shaped batches at a steady rate, the pipeline running; one event of each batch is a probe (an
 * identify whose `probe` trait is its own messageId). For each probe: the time from the batch's 200 until the
 * profile reflects it — its profile_events row (polled every 10 ms), or, once the Profile API exists, the trait
 * as the API answers it.
 */
import type { BenchServer, Probe } from "./bench-client";
import { liveTraffic } from "./people";

export type ProfileApi = { token: string } | null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export async function runFreshness(
  server: BenchServer,
  probe: Probe,
  options: { rate: number; seconds: number; people: number; run: string; api: ProfileApi },
) {
  const traffic = liveTraffic(options.people, `${options.run}-fresh`);
  const perBatch = Math.min(100, Math.max(1, Math.round(options.rate / 10)));
  const intervalMs = (perBatch / options.rate) * 1000;
  const pending = new Map<string, { acked: number; person: number }>();
  const latencies: number[] = [];
  let sent = 0;
  let failed = 0;
  let sending = true;

  const reflected = async (): Promise<string[]> => {
    const ids = [...pending.keys()];
    if (!options.api) return probe("applied", server.seed.workspaceId, ids);
    const found = await Promise.all(
      ids.map(async (messageId) => {
        const path = `/v1/profiles/user_id:user-${pending.get(messageId)!.person}/traits`;
        const response = await fetch(server.url + path, { headers: { authorization: `Bearer ${options.api!.token}` } });
        const text = await response.text();
        return response.ok && text.includes(messageId) ? messageId : null;
      }),
    );
    return found.filter((id): id is string => id !== null);
  };

  const poller = (async () => {
    let giveUpAt = Infinity;
    while (sending || (pending.size > 0 && performance.now() < giveUpAt)) {
      if (!sending && giveUpAt === Infinity) giveUpAt = performance.now() + 15_000;
      if (pending.size > 0) {
        const found = await reflected();
        const now = performance.now();
        for (const id of found) {
          latencies.push(now - pending.get(id)!.acked);
          pending.delete(id);
        }
      }
      await sleep(10);
    }
  })();

  // Once a second: the oldest write transaction on the server (it holds back the pipeline's horizon).
  let oldestWriter: { seconds: number; database: string; query: string } | null = null;
  const watcher = (async () => {
    while (sending) {
      const w = await probe("oldestWriter");
      if (w && w.seconds > (oldestWriter?.seconds ?? 0)) oldestWriter = w;
      await sleep(1_000);
    }
  })();

  const started = performance.now();
  const requests: Promise<void>[] = [];
  for (let k = 0; performance.now() < started + options.seconds * 1000; k++) {
    await sleep(started + k * intervalMs - performance.now());
    const { message, messageId, person } = traffic.probe();
    const body = JSON.stringify({ batch: [...traffic.batch(perBatch - 1), message] });
    sent += perBatch;
    requests.push(
      fetch(`${server.url}/v1/batch`, { method: "POST", headers: server.headers, body }).then(async (response) => {
        const acked = performance.now();
        await response.arrayBuffer();
        if (response.ok) pending.set(messageId, { acked, person });
        else failed += 1;
      }),
    );
  }
  await Promise.all(requests);
  const seconds = (performance.now() - started) / 1000;
  sending = false;
  await Promise.all([poller, watcher]);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    eventsPerSecond: sent / seconds,
    probes: latencies.length,
    unreflected: pending.size,
    failed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1] ?? NaN,
    via: options.api ? "Profile API" : "profile_events",
    oldestWriter: oldestWriter as { seconds: number; database: string; query: string } | null,
  };
}
