import { createRequire } from "node:module";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, describe, expect, it, vi } from "vitest";
import { MIGRATIONS_FOLDER } from "@/db/client";
import { pgliteHandle } from "@/db/drivers/pglite";
import type { DatabaseHandle } from "@/db/handle";
import { rawQuery } from "@/db/raw-query";
import { freshDatabase } from "../../helpers/test-db";

/**
 * Next's bundle and the custom server load different builds of @electric-sql/pglite (CJS and ESM), so the
 * PGlite instance a request sees may not be an instance of the class this module imports. rawQuery must
 * take the driver from the handle, not from the client's class.
 */
const handles: DatabaseHandle[] = [];
afterAll(async () => {
  for (const handle of handles) await handle.close();
});

describe("rawQuery driver detection", () => {
  it("runs on a PGlite whose class comes from the package's other (CJS) build", async () => {
    const cjs = createRequire(import.meta.url)("@electric-sql/pglite") as { PGlite: typeof PGlite };
    expect(cjs.PGlite).not.toBe(PGlite);
    const client = await cjs.PGlite.create();
    expect(client instanceof PGlite).toBe(false);
    const handle = pgliteHandle(client, MIGRATIONS_FOLDER);
    handles.push(handle);

    await rawQuery(handle.db, `CREATE TABLE t (id int, name text)`, []);
    await rawQuery(handle.db, `INSERT INTO t SELECT * FROM unnest($1::int[], $2::text[])`, [
      [1, 2],
      ["a", "b"],
    ]);
    const rows = await rawQuery<{ id: number; name: string }>(handle.db, `SELECT id, name FROM t ORDER BY id`, []);
    expect(rows).toEqual([
      { id: 1, name: "a" },
      { id: 2, name: "b" },
    ]);
  });

  it("runs on the database the tests use (PGlite, or Postgres with TEST_DATABASE_URL)", async () => {
    const handle = await freshDatabase();
    handles.push(handle);
    const [row] = await rawQuery<{ n: number }>(handle.db, `SELECT $1::int + 1 AS n`, [41]);
    expect(row.n).toBe(42);
  });

  it("refuses a drizzle instance that db/client did not open, with a message saying so", async () => {
    const { drizzle } = await import("drizzle-orm/postgres-js");
    await expect(rawQuery(drizzle.mock() as never, `SELECT 1`, [])).rejects.toThrow(/opened by db\/client/);
  });

  it("works from another copy of db/ (Next's bundle loads its own): the driver tag and the COPY pool are shared", async () => {
    const handle = await freshDatabase();
    handles.push(handle);
    const { enableCopy } = await import("@/db/copy-rows");
    const other = {} as DatabaseHandle["db"];
    const closePool = enableCopy(other, "postgres://postgres@127.0.0.1:1/none", 1); // a pool connects lazily
    vi.resetModules();
    const copy = {
      rawQuery: (await import("@/db/raw-query")).rawQuery,
      canCopy: (await import("@/db/copy-rows")).canCopy,
    };
    expect(copy.rawQuery).not.toBe(rawQuery);
    const [row] = await copy.rawQuery<{ n: number }>(handle.db, `SELECT 2 AS n`, []);
    expect(row.n).toBe(2);
    expect(copy.canCopy(other)).toBe(true);
    await closePool();
  });
});
