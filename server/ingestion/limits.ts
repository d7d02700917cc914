/** Segment's documented limits for the tracking API. */
export const LIMITS = {
  maxEventBytes: 32 * 1024,
  maxRequestBytes: 500 * 1024,
  maxBatchEvents: 2_500,
  maxMessageIdLength: 100,
} as const;
