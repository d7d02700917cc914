import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { enableCopy } from "../copy-rows";
import * as schema from "../schema";
import { tagDriver, type DatabaseHandle } from "../handle";

/** A real Postgres server through postgres.js (a pool of `max` connections). */
export async function openPostgres(url: string, migrationsFolder: string, max = 10): Promise<DatabaseHandle> {
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 5 });
  const db = tagDriver(drizzle({ client, schema }), "postgres");
  const closeCopy = enableCopy(db as unknown as DatabaseHandle["db"], url, Math.max(1, Math.ceil(max / 2)));
  return {
    driver: "postgres",
    db: db as unknown as DatabaseHandle["db"],
    migrate: () => migrate(db, { migrationsFolder }),
    ping: async () => {
      await client`select 1`;
    },
    dump: async () => {
      throw new Error("dump is only available on the embedded database");
    },
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), closeCopy()]);
    },
  };
}
