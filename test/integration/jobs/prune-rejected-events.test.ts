import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type DatabaseHandle } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { pruneRejectedEvents } from "@/server/jobs/definitions/prune-rejected-events";
import { freshDatabase } from "../../helpers/test-db";
import { createTestSource } from "../ingestion/tracking-server";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await freshDatabase();
});
afterAll(async () => {
  await handle.close();
});

describe("prune-rejected-events job", () => {
  it("deletes refused events older than the retention and keeps recent ones", async () => {
    const source = await createTestSource(handle.db);
    for (const days of [1, 29, 31, 400]) {
      await handle.db.execute(
        sql`INSERT INTO rejected_events (workspace_id, id, source_id, received_at, reason, payload)
            VALUES (${source.workspaceId}, ${uuidv7()}, ${source.sourceId}, now() - make_interval(days => ${days}), ${`age ${days}`}, '{}')`,
      );
    }
    await pruneRejectedEvents.handler({
      db: handle.db,
      input: { days: 30 },
      job: { id: uuidv7(), workspaceId: null, attempt: 1 },
      signal: new AbortController().signal,
    });
    const left = await rows<{ reason: string }>(
      handle.db,
      sql`SELECT reason FROM rejected_events ORDER BY received_at DESC`,
    );
    expect(left.map((r) => r.reason)).toEqual(["age 1", "age 29"]);
  });
});
