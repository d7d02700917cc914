import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

/** Drizzle over either driver. Both speak the same SQL; only the result shape of `execute` differs (see rows()). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DriverKind = "postgres" | "pglite";

export interface DatabaseHandle {
  driver: DriverKind;
  db: Db;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  /** Embedded only: the data folder as a tarball (used to clone a migrated database quickly in tests). */
  dump(): Promise<Blob | File>;
  close(): Promise<void>;
}

/**
 * The driver behind a drizzle db is written on the db itself when it is opened, under a registered symbol:
 * the custom server and Next's bundle load separate copies of this module and of the driver packages
 * (ESM and CJS builds), so neither a module-level map nor `instanceof` would agree across them.
 */
const DRIVER = Symbol.for("cdp.db.driver");

export function tagDriver<T extends object>(db: T, kind: DriverKind): T {
  Object.defineProperty(db, DRIVER, { value: kind, enumerable: false });
  return db;
}

/** The driver a db was opened with, or undefined for one not opened by db/drivers (a transaction, say). */
export function driverOf(db: object): DriverKind | undefined {
  return (db as { [DRIVER]?: DriverKind })[DRIVER];
}
