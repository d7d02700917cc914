import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { DatabaseHandle, Db } from "./handle";
import { openPglite, type PgliteOptions } from "./drivers/pglite";
import { openPostgres } from "./drivers/postgres";

export type { Db, DatabaseHandle } from "./handle";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export type DatabaseConfig = { url: string; poolSize?: number } | PgliteOptions;

/** The only place that picks the driver: postgres.js for a URL, embedded PGlite otherwise. */
export function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if ("url" in config) return openPostgres(config.url, MIGRATIONS_FOLDER, config.poolSize);
  return openPglite(config, MIGRATIONS_FOLDER);
}

/** Rows of a raw statement, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export async function rows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
