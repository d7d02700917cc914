import { sql, type SQL } from "drizzle-orm";

/**
 * A timestamptz as ISO 8601 text in UTC with microseconds ("2026-05-01T10:00:00.123456Z"): Date.parse reads
 * it, and cast back with ::timestamptz it is the exact stored value (a keyset cursor can rely on it).
 */
export const isoTime = (column: SQL) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
