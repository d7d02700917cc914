import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { rows, type DatabaseHandle } from "@/db/client";
import { enrichmentFiles } from "@/db/schema";
import { useDatabase } from "@/server/database";
import { applyEnrichment } from "@/server/enrichment/apply-enrichment";
import { CHUNK_ROWS, EnrichmentStorageError } from "@/server/enrichment/run-enrichment";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { seedPeople, uploadRequest } from "./helpers";

/** When storage fails midway, or the process dies: the file never stays "running", and says how far it got. */
let handle: DatabaseHandle;
let ws: SeededWorkspace;

beforeAll(async () => {
  handle = await freshDatabase();
  useDatabase(handle);
  ws = await seedWorkspace(handle.db, "Failing Co");
  await seedPeople(handle.db, ws.id, [{ type: "identify", userId: "u1", traits: { email: "u1@example.com" } }]);
  // The database itself refuses one trait value: a storage failure in the middle of a file.
  for (const statement of [
    `CREATE OR REPLACE FUNCTION test_refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.value = '"boom"'::jsonb THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`,
    `CREATE TRIGGER test_refuse_boom BEFORE INSERT ON trait_history FOR EACH ROW EXECUTE FUNCTION test_refuse_boom()`,
  ])
    await handle.db.execute(sql.raw(statement));
});
afterAll(() => handle.close());

const fileRow = async (fileId: string) =>
  (
    await handle.db
      .select()
      .from(enrichmentFiles)
      .where(and(eq(enrichmentFiles.workspaceId, ws.id), eq(enrichmentFiles.id, fileId)))
  )[0];

describe("enrichment failures", () => {
  it("storage failing in the second chunk keeps the first applied and marks the file failed with how far it got", async () => {
    const fileRows = Array.from({ length: CHUNK_ROWS + 10 }, (_, i) => ({
      email: i === 0 ? "u1@example.com" : `nobody${i}@example.com`,
      tier: i === CHUNK_ROWS + 5 ? "boom" : "gold",
    }));
    fileRows[CHUNK_ROWS + 5].email = "u1@example.com";
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = await applyEnrichment(handle.db, ws.id, {
      name: "vendor.csv",
      keyType: "email",
      rows: fileRows,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EnrichmentStorageError);
    // Logged by the driver's message, never the statement (it carries the file's values).
    expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([
      expect.stringMatching(/^enrichment file: \w+ \[P0001\]: refused by the test$/),
    ]);
    logged.mockRestore();
    const { files } = await callerFor(handle.db, ws.members.admin, ws.id).enrichment.list({});
    expect(files[0]).toMatchObject({
      name: "vendor.csv",
      status: "failed",
      rowsTotal: CHUNK_ROWS,
      rowsMatched: 1,
      error: `Storage failed after ${CHUNK_ROWS} rows (those were applied); apply the rest of the file again`,
    });
    const traits = await rows<{ value: unknown }>(
      handle.db,
      sql`SELECT value FROM profile_traits WHERE workspace_id = ${ws.id} AND name = 'tier'`,
    );
    expect(traits).toEqual([{ value: "gold" }]); // the first chunk's value
  });

  it("the upload answers 503 for it, without the database's words", async () => {
    const csv = Buffer.from("email,tier\nu1@example.com,boom\n");
    const response = await uploadRequest(ws.id, ws.members.admin, csv, {
      fileName: "boom.csv",
      mapping: { keyType: "email", keyColumn: "email" },
    });
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(body).toMatch(/Storage failed while applying the file/);
    expect(body).not.toMatch(/refused by the test|trait_history/);
  });

  it("a file whose process stopped shows as failed (interrupted), not running forever", async () => {
    const summary = await applyEnrichment(handle.db, ws.id, {
      name: "stale.csv",
      keyType: "email",
      rows: [{ email: "u1@example.com", tier: "silver" }],
    });
    await handle.db
      .update(enrichmentFiles)
      .set({ status: "running", finishedAt: null, heartbeatAt: sql`now() - interval '10 minutes'` })
      .where(and(eq(enrichmentFiles.workspaceId, ws.id), eq(enrichmentFiles.id, summary.fileId)));
    expect((await fileRow(summary.fileId)).status).toBe("running");
    const file = await callerFor(handle.db, ws.members.admin, ws.id).enrichment.get({ fileId: summary.fileId });
    expect(file).toMatchObject({
      status: "failed",
      error: "The server stopped while applying this file; the rows counted were applied",
    });
  });
});
