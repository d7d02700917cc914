import autocannon from "autocannon";

/** What one load run measured. */
export interface LoadResult {
  requestsPerSecond: number;
  okPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  ok: number;
  seconds: number;
}

/** POSTs bodies from `nextBody` over `connections` keep-alive connections for `seconds` (autocannon, in-process). */
export async function load(options: {
  url: string;
  path: string;
  seconds: number;
  connections: number;
  headers: Record<string, string>;
  nextBody: () => string;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    method: "POST",
    headers: options.headers,
    requests: [
      {
        method: "POST",
        path: options.path,
        setupRequest: (request: Record<string, unknown>) => ({ ...request, body: options.nextBody() }),
      },
    ],
  });
  const ok = Object.entries(result.statusCodeStats ?? {}).reduce(
    (sum, [code, stat]) => (code.startsWith("2") ? sum + Number((stat as { count: number }).count) : sum),
    0,
  );
  return {
    requestsPerSecond: result.requests.total / result.duration,
    okPerSecond: ok / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    ok,
    seconds: result.duration,
  };
}
