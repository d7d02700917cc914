/** Bounds of a file import. */
export const IMPORT_LIMITS = {
  /** Events stored per statement; progress is written after each. */
  chunkRows: 1_000,
  /** One CSV record or NDJSON line; a longer one is a row error (and the reader skips to the next line). */
  maxRecordBytes: 1024 * 1024,
  /** Nesting of objects and arrays in one NDJSON row; a deeper row is a row error. */
  maxJsonDepth: 64,
  /** Row errors kept per import (the failed count goes on); a wrong mapping on a huge file stays cheap. */
  maxStoredErrors: 10_000,
  /** Characters of a failed row kept with its error. */
  maxErrorLineChars: 2_000,
  /** When this many rows have failed and none succeeded, the import stops: the mapping is surely wrong. */
  failFastRows: 1_000,
  /** Minimum time between progress writes when few rows are flowing. */
  progressIntervalMs: 500,
} as const;
