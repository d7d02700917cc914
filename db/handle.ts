import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

/** Drizzle over either driver. Both speak the same SQL; only the result shape of `execute` differs (see rows()). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  driver: "postgres" | "pglite";
  db: Db;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  /** Embedded only: the data folder as a tarball (used to clone a migrated database quickly in tests). */
  dump(): Promise<Blob | File>;
  close(): Promise<void>;
}
