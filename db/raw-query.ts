import { driverOf, type Db } from "./handle";

type PgliteClient = { query<T>(text: string, params: unknown[]): Promise<{ rows: T[] }> };
type PostgresClient = { unsafe<T>(text: string, params: unknown[], options: { prepare: boolean }): Promise<T[]> };

/**
 * One parameterised statement straight through the driver, for hot paths (bulk inserts with unnest over
 * array parameters). Drizzle's `$client` is the postgres.js pool or the PGlite instance; which one is read
 * from the tag the driver put on the db when it was opened (see driverOf), never guessed from the client.
 * Not for use inside a drizzle transaction: it runs on its own connection.
 * On Postgres the statement is prepared once per connection and its plan reused (a ten-row insert then costs the
 * server a third less), so `text` must be a constant: each distinct text stays cached on every connection.
 */
export async function rawQuery<T = Record<string, unknown>>(db: Db, text: string, params: unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client: unknown }).$client;
  const driver = driverOf(db);
  if (driver === "pglite") return (await (client as PgliteClient).query<T>(text, params)).rows;
  if (driver === "postgres") return [...(await (client as PostgresClient).unsafe<T>(text, params, { prepare: true }))];
  throw new Error(
    "rawQuery needs a database opened by db/client (openDatabase), not a transaction or another drizzle instance",
  );
}
