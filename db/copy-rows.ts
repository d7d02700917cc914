import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Writable } from "node:stream";
import type { Db } from "./handle";
import { connectionOf } from "./raw-query";

/**
 * COPY … FROM STDIN for hot-path bulk inserts on Postgres: a tenth to a fifth less CPU per row than any
 * INSERT, in the database (rows go in page by page) and in this process (tab-separated text, no JSON).
 * It runs on a small node-postgres pool of its own, because postgres.js never settles a COPY that the
 * server refuses once the data is sent (a duplicate key, say), which is the one failure callers must see.
 * Inside a caller's transaction it runs on the transaction's connection instead; PGlite reads COPY from a blob.
 */
// On globalThis: Next's bundle loads its own copy of this module, and must find the pool the server opened.
const holder = globalThis as typeof globalThis & { __cdpCopyPools?: WeakMap<Db, pg.Pool> };
const pools = (holder.__cdpCopyPools ??= new WeakMap<Db, pg.Pool>());

/** Gives `db` a COPY pool on `url` (called when a Postgres database is opened); returns its closer. */
export function enableCopy(db: Db, url: string, max: number): () => Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // An idle connection the server closed is dropped by the pool; the next COPY opens another.
  pool.on("error", () => {});
  pools.set(db, pool);
  return () => pool.end();
}

/**
 * Whether `db` has the fast COPY path of its own pool (a Postgres database opened by db/client). copyRows also
 * works without it — inside a caller's transaction, and on PGlite — but hot paths may prefer another statement.
 */
export const canCopy = (db: Db) => pools.has(db);

/**
 * Writes `text` (COPY text format, one row per line) with `statement` (COPY … FROM STDIN). Errors throw. `db`
 * may be a caller's transaction (`db.transaction`): the rows then commit or roll back with it.
 */
export async function copyRows(db: Db, statement: string, text: string): Promise<void> {
  const pool = pools.get(db);
  if (pool) return copyOnPool(pool, statement, text);
  const connection = connectionOf(db);
  if (connection.driver === "pglite") {
    // PGlite reads COPY data from a blob in place of the client's stream.
    await connection.client.query(statement.replace(FROM_STDIN, "FROM '/dev/blob'"), [], { blob: new Blob([text]) });
    return;
  }
  if (!connection.inTransaction) throw new Error("COPY on Postgres needs a database opened by db/client");
  await copyInTransaction(connection.client as unknown as PostgresCopyClient, statement, text);
}

const FROM_STDIN = /\bFROM\s+STDIN\b/i;

async function copyOnPool(pool: pg.Pool, statement: string, text: string): Promise<void> {
  const client = await pool.connect();
  let failed = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const stream = client.query(copyFrom(statement));
      stream.on("error", reject);
      stream.on("finish", resolve);
      stream.end(text);
    });
  } catch (error) {
    failed = !(error as { code?: unknown }).code;
    throw error;
  } finally {
    // A connection that failed without a server error (a network error) is not reused.
    client.release(failed);
  }
}

/** postgres.js's query object for a COPY: a promise of the writable stream, and the reject its connection calls. */
type PostgresCopyQuery = Promise<Writable> & { reject(error: unknown): void };
type PostgresCopyClient = { unsafe(statement: string): PostgresCopyQuery };

/**
 * COPY on the connection of a postgres.js transaction (`sql.begin`), which another pool cannot join.
 * postgres.js (3.4.9) settles neither the stream nor the query when the server refuses the data after the
 * stream was ended: it hands the error to the query's `reject`, whose promise has already resolved (with the
 * stream). Listening on that `reject` is how the refusal reaches the caller instead of a COPY that never ends
 * (test/integration/db/transactions.test.ts covers both refusals, during and after the data).
 */
async function copyInTransaction(client: PostgresCopyClient, statement: string, text: string): Promise<void> {
  const query = client.unsafe(statement);
  if (typeof query.reject !== "function") throw new Error("this postgres.js version cannot COPY in a transaction");
  let refused!: (error: unknown) => void;
  const refusal = new Promise<never>((_, reject) => (refused = reject));
  refusal.catch(() => {});
  const reject = query.reject;
  query.reject = (error: unknown) => {
    reject(error);
    refused(error);
  };
  const stream = await Promise.race([query, refusal]);
  const finished = new Promise<void>((resolve, reject) => {
    stream.on("error", reject);
    stream.on("finish", resolve);
  });
  stream.end(text);
  await Promise.race([finished, refusal]);
}

/** A COPY text-format field: \N for null; backslash, tab, newline and carriage return escaped. */
export function copyField(value: string | null): string {
  if (value === null) return "\\N";
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"))
    : value;
}
