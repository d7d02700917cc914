import { existsSync } from "node:fs";
import path from "node:path";
import type { DatabaseHandle } from "@/db/client";
import { DataDirInUseError } from "@/db/drivers/pglite-lock";
import { databaseHandle } from "../database";
import { dataDir, env } from "../env";
import { AppError } from "../errors";

/** Whether the embedded database exists in `folder` (PGlite keeps a Postgres data directory in folder/pg). */
export const hasEmbeddedDatabase = (folder: string) => existsSync(path.join(folder, "pg", "PG_VERSION"));

/**
 * The database the admin commands work on: the server's own. On the embedded database that is the data folder
 * of CDP_DATA_DIR, which must already hold a database — the CLI never creates one beside the server's by
 * mistake (a wrong or missing CDP_DATA_DIR would otherwise give an empty database that the server never
 * sees) — and which the server must not be holding (one process at a time). Each refusal says what to do.
 */
export async function openCliDatabase(): Promise<DatabaseHandle> {
  if (!env().DATABASE_URL) {
    const folder = dataDir();
    if (!hasEmbeddedDatabase(folder)) {
      throw new AppError(
        "NOT_FOUND",
        `No database in ${folder} (the data folder, CDP_DATA_DIR). The CLI works on the server's database: run it with the server's CDP_DATA_DIR, or with DATABASE_URL on PostgreSQL. ` +
          "To create the database in this folder, start the server once (npm start) or run npm run db:migrate.",
      );
    }
  }
  try {
    const handle = await databaseHandle();
    await handle.migrate();
    return handle;
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      throw new AppError(
        "CONFLICT",
        `The embedded database in ${error.dataDir} is in use by another process (pid ${error.pid}), most likely the server; it allows one process at a time. ` +
          "Stop the server and run the command again, or run the server and the CLI on PostgreSQL (set DATABASE_URL for both).",
      );
    }
    throw error;
  }
}
