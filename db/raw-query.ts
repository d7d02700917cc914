import { driverOf, type Db, type DriverKind } from "./handle";

type PgliteClient = {
  query<T>(text: string, params: unknown[], options?: { blob?: Blob }): Promise<{ rows: T[] }>;
};
type PostgresClient = { unsafe<T>(text: string, params?: unknown[], options?: { prepare: boolean }): Promise<T[]> };

export type Connection =
  | { driver: "pglite"; client: PgliteClient; inTransaction: boolean }
  | { driver: "postgres"; client: PostgresClient; inTransaction: boolean };

// drizzle marks its classes with this registered symbol (the same in its ESM and CJS builds).
const ENTITY_KIND = Symbol.for("drizzle:entityKind");
const TRANSACTION_DRIVERS: Record<string, DriverKind> = {
  PgliteTransaction: "pglite",
  PostgresJsTransaction: "postgres",
};

/**
 * The driver connection a statement on `db` must run on. A db opened by db/client carries its driver's tag
 * (see driverOf) and its `$client` (the postgres.js pool or the PGlite instance). A drizzle transaction has
 * neither: its class says which driver it is (read from drizzle's entity kind, never from `instanceof`: Next's
 * bundle and the custom server load separate builds of the packages) and its session holds the transaction's
 * own client — postgres.js's `sql.begin` (or savepoint) connection, PGlite's transaction.
 */
export function connectionOf(db: Db): Connection {
  const tagged = driverOf(db);
  if (tagged) {
    const client = (db as unknown as { $client: unknown }).$client;
    return tagged === "pglite"
      ? { driver: "pglite", client: client as PgliteClient, inTransaction: false }
      : { driver: "postgres", client: client as PostgresClient, inTransaction: false };
  }
  const session = (db as unknown as { session?: { client?: unknown } }).session;
  const kind = (db.constructor as { [ENTITY_KIND]?: string } | undefined)?.[ENTITY_KIND];
  const driver = kind && session?.client ? TRANSACTION_DRIVERS[kind] : undefined;
  if (driver === "pglite") return { driver, client: session!.client as PgliteClient, inTransaction: true };
  if (driver === "postgres") return { driver, client: session!.client as PostgresClient, inTransaction: true };
  throw new Error(
    "rawQuery needs a database opened by db/client (openDatabase) or a transaction of one, not another drizzle instance",
  );
}

/** Whether `db` is a caller's transaction (statements on it commit or roll back with the caller's). */
export const isTransaction = (db: Db) => connectionOf(db).inTransaction;

/**
 * One parameterised statement straight through the driver, for hot paths (bulk inserts with unnest over
 * array parameters). `db` is a database opened by db/client or a drizzle transaction on one (`db.transaction`):
 * in a transaction the statement runs on the transaction's connection and commits or rolls back with it.
 * On Postgres the statement is prepared once per connection and its plan reused (a ten-row insert then costs the
 * server a third less), so `text` must be a constant: each distinct text stays cached on every connection.
 */
export async function rawQuery<T = Record<string, unknown>>(db: Db, text: string, params: unknown[]): Promise<T[]> {
  const connection = connectionOf(db);
  if (connection.driver === "pglite") return (await connection.client.query<T>(text, params)).rows;
  return [...(await connection.client.unsafe<T>(text, params, { prepare: true }))];
}
