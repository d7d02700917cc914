import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import path from "node:path";
import * as schema from "../schema";
import { tagDriver, type DatabaseHandle } from "../handle";
import { lockDataDir } from "./pglite-lock";

export type PgliteOptions = { dataDir: string } | { loadDataDir: Blob | File };

/** Embedded Postgres (WASM). A data folder is locked to this process; a dump opens in memory (tests). */
export async function openPglite(options: PgliteOptions, migrationsFolder: string): Promise<DatabaseHandle> {
  const release = "dataDir" in options ? lockDataDir(options.dataDir) : () => {};
  let client: PGlite;
  try {
    client =
      "dataDir" in options
        ? await PGlite.create({ dataDir: path.join(options.dataDir, "pg") })
        : await PGlite.create({ loadDataDir: options.loadDataDir });
  } catch (error) {
    release();
    throw error;
  }
  return pgliteHandle(client, migrationsFolder, release);
}

/**
 * The handle over an open PGlite instance. The instance may come from either build of the package (ESM or
 * CJS, as Next's bundle and the custom server load them): nothing here or in rawQuery asks its class.
 */
export function pgliteHandle(client: PGlite, migrationsFolder: string, release: () => void = () => {}): DatabaseHandle {
  const db = tagDriver(drizzle({ client, schema }), "pglite");
  return {
    driver: "pglite",
    db: db as unknown as DatabaseHandle["db"],
    migrate: () => migrate(db, { migrationsFolder }),
    ping: async () => {
      await client.query("select 1");
    },
    dump: async () => client.dumpDataDir("none"),
    close: async () => {
      await client.close();
      release();
    },
  };
}
