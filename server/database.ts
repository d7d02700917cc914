import { openDatabase, type DatabaseHandle, type Db } from "@/db/client";
import { dataDir, env } from "./env";

/**
 * The process-wide database. It lives on globalThis because the custom server and Next's compiled bundle
 * load separate copies of this module; two copies would mean two PGlite instances on one folder.
 */
const holder = globalThis as typeof globalThis & { __cdpDatabase?: Promise<DatabaseHandle> };

export function databaseHandle(): Promise<DatabaseHandle> {
  holder.__cdpDatabase ??= (() => {
    const { DATABASE_URL, DATABASE_POOL_SIZE } = env();
    const opening = DATABASE_URL
      ? openDatabase({ url: DATABASE_URL, poolSize: DATABASE_POOL_SIZE })
      : openDatabase({ dataDir: dataDir() });
    opening.catch(() => (holder.__cdpDatabase = undefined));
    return opening;
  })();
  return holder.__cdpDatabase;
}

export async function getDb(): Promise<Db> {
  return (await databaseHandle()).db;
}

/** For tests and the CLI: use an already opened database as the process database. */
export function useDatabase(handle: DatabaseHandle): void {
  holder.__cdpDatabase = Promise.resolve(handle);
}
