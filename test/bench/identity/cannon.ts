import autocannon from "autocannon";

/** autocannon with the further options and figures the identity benchmark uses (../autocannon.d.ts has the rest). */
type Options = Parameters<typeof autocannon>[0] & {
  /** Stop after this many requests (instead of after `duration`). */
  amount?: number;
  /** Requests per second over all connections. */
  overallRate?: number;
};
type Result = Awaited<ReturnType<typeof autocannon>> & { latency: { max: number; p90: number; p97_5: number } };

export const cannon = autocannon as unknown as (options: Options) => Promise<Result>;

/** Requests answered 2xx. */
export const okCount = (result: Result) =>
  Object.entries(result.statusCodeStats ?? {}).reduce(
    (sum, [code, stat]) => (code.startsWith("2") ? sum + stat.count : sum),
    0,
  );
