import { PGlite } from "@electric-sql/pglite";
import type { Db } from "./handle";

/**
 * One parameterised statement straight through the driver, for hot paths (bulk inserts with unnest over
 * array parameters). Drizzle's `$client` is the postgres.js pool or the PGlite instance.
 * Not for use inside a drizzle transaction: it runs on its own connection.
 * On Postgres the statement is prepared once per connection and its plan reused (a ten-row insert then costs the
 * server a third less), so `text` must be a constant: each distinct text stays cached on every connection.
 */
export async function rawQuery<T = Record<string, unknown>>(db: Db, text: string, params: unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client: unknown }).$client;
  if (client instanceof PGlite) return (await client.query<T>(text, params)).rows;
  const sql = client as { unsafe(text: string, params: unknown[], options: { prepare: boolean }): Promise<T[]> };
  return [...(await sql.unsafe(text, params, { prepare: true }))];
}
