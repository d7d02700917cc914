/** Segment's documented limits for the tracking API, and the ones the database needs. */
export const LIMITS = {
  maxEventBytes: 32 * 1024,
  maxRequestBytes: 500 * 1024,
  maxBatchEvents: 2_500,
  maxMessageIdLength: 100,
  /** Objects and arrays inside one another, the event itself included (System.Text.Json's default too). */
  maxNestingDepth: 64,
  /** Dates sent (timestamp, originalTimestamp, sentAt) lie in [1970-01-01, 10000-01-01). */
  minTimestampMs: 0,
  maxTimestampMs: Date.UTC(10000, 0, 1),
  /**
   * A timestamp corrected for the client's clock may fall earlier, down to year 1: every such instant has a
   * 4-digit year in ISO-8601, which both databases store. Outside that, the event is refused alone.
   */
  minCorrectedTimestampMs: Date.parse("0001-01-01T00:00:00.000Z"),
} as const;
