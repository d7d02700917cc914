import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { rows } from "@/db/client";
import { recordAudit } from "@/server/audit/record-audit";
import { SYSTEM_ACTOR } from "@/server/scope";
import { freshDatabase } from "../../helpers/test-db";
import { expectDbError } from "../../helpers/db-error";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await freshDatabase();
  await recordAudit(handle.db, { workspaceId: null, actor: SYSTEM_ACTOR, action: "test.entry", after: { n: 1 } });
});
afterAll(() => handle.close());

describe("audit_log is append-only in the database itself", () => {
  it("refuses UPDATE", async () => {
    await expectDbError(handle.db.execute(sql`update audit_log set action = 'tampered'`), /append-only/);
  });
  it("refuses DELETE", async () => {
    await expectDbError(handle.db.execute(sql`delete from audit_log`), /append-only/);
  });
  it("refuses TRUNCATE", async () => {
    await expectDbError(handle.db.execute(sql`truncate audit_log`), /append-only/);
  });
  it("keeps the row unchanged after the refused attempts", async () => {
    const entries = await rows<{ action: string }>(handle.db, sql`select action from audit_log`);
    expect(entries).toEqual([{ action: "test.entry" }]);
  });
});
