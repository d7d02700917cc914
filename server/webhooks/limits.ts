/** Bounds of the webhook door and of the mapping that turns a payload into events. */
export const WEBHOOK_LIMITS = {
  /** A payload, on the wire and once decompressed. */
  maxBodyBytes: 1024 * 1024,
  /** Standard Webhooks: a signed timestamp this far from our clock (either way) is refused. */
  signatureToleranceSeconds: 5 * 60,
  /** Events one delivery may map to. */
  maxEventsPerDelivery: 1_000,
  /** A mapping expression's text. */
  maxMappingLength: 20_000,
  /** Deliveries one "replay all failed" call re-runs (newest first); the answer says when more are left. */
  maxReplayBatch: 2_000,
  /** Request headers kept with a delivery (and given to its mapping as `$headers`). */
  maxKeptHeaders: 64,
  /** A kept header's value; longer values are cut. */
  maxHeaderValueLength: 1_024,
  /** The console's "Sample headers" text. */
  maxSampleHeadersLength: 100_000,
  /**
   * Requests per second a webhook source accepts when its settings name no rate limit (the source's
   * rateLimitPerSecond raises or lowers it). The door is public: this bounds what one address can cost.
   */
  defaultRateLimitPerSecond: 100,
} as const;

/**
 * Guard rails for evaluating a JSONata mapping in-process. JSONata awaits between steps but never yields to
 * the event loop, so a runaway expression would block the server: every step checks the clock and counts,
 * results that balloon (strings, sequences) are cut off where they are built, and regular expressions run on
 * RE2 (linear-time matching, see linear-regex.ts).
 */
export const MAPPING_LIMITS = {
  timeoutMs: 1_000,
  /** Nesting of evaluation (deep recursion). */
  maxDepth: 500,
  /** Evaluation steps (each node of the expression, each time it runs). */
  maxSteps: 1_000_000,
  /** Length of any sequence built while evaluating. */
  maxSequence: 100_000,
  /** Length of any string or array a step returns. */
  maxValueLength: 2_000_000,
} as const;
