import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";

/** A fresh, migrated database for one test file (PGlite by default, real Postgres with TEST_DATABASE_URL). */
export async function freshDatabase(): Promise<DatabaseHandle> {
  const target = inject("testDatabase");
  if (target.kind === "pglite") {
    return openDatabase({ loadDataDir: new Blob([readFileSync(target.dumpPath)]) });
  }
  const name = `cdp_t_${target.template.slice(8)}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(target.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${target.template}`);
  await admin.end();
  const url = new URL(target.url);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolSize: 5 });
  const close = handle.close;
  return {
    ...handle,
    close: async () => {
      await close();
      const dropper = postgres(target.url, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * A second connection to a Postgres test database (one of its own, outside the handle's pool): for a
 * transaction held open beside the code under test. Close it with `end()`.
 */
export function secondConnection(handle: DatabaseHandle) {
  const { host, port, database, user } = (
    handle.db as unknown as { $client: { options: { host: string[]; port: number[]; database: string; user: string } } }
  ).$client.options;
  return postgres({ host: host[0], port: port[0], database, user, max: 1, onnotice: () => {} });
}
