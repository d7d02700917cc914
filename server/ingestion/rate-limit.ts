/**
 * Per-source request rate limit: a token bucket per source and process, holding up to one second's worth
 * of requests (at least one) and refilled continuously. Lives on globalThis so the custom server and Next's bundle share it.
 */
interface Bucket {
  tokens: number;
  updatedAt: number;
}

const holder = globalThis as typeof globalThis & { __cdpRateBuckets?: Map<string, Bucket> };
const buckets = () => (holder.__cdpRateBuckets ??= new Map());

/** Takes one request's token. Returns 0 when allowed, else the whole seconds to wait before retrying (≥ 1). */
export function takeRequestToken(sourceId: string, perSecond: number, now: number = performance.now()): number {
  const all = buckets();
  const capacity = Math.max(1, perSecond);
  let bucket = all.get(sourceId);
  if (!bucket) {
    if (all.size > 100_000) all.clear();
    bucket = { tokens: capacity, updatedAt: now };
    all.set(sourceId, bucket);
  }
  bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
  bucket.updatedAt = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
}

/** What a refused request is told. */
export const rateLimitMessage = (perSecond: number) =>
  `this source accepts at most ${perSecond} request${perSecond === 1 ? "" : "s"} per second`;

/** Forgets every bucket (tests). */
export function resetRateLimits(): void {
  buckets().clear();
}
