import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { auditLog } from "@/db/schema";
import { recordAudit } from "@/server/audit/record-audit";
import { verifyAuditChains } from "@/server/audit/verify-chain";
import { auditVerify } from "@/server/cli/audit-verify";
import type { Command } from "@/server/cli/command";
import { runCli } from "@/server/cli/run-cli";
import { SYSTEM_ACTOR } from "@/server/scope";
import { createWorkspace } from "@/server/workspaces/create-workspace";
import { freshDatabase } from "../../helpers/test-db";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await freshDatabase();
});
afterAll(() => handle.close());

const cli = (...argv: string[]) => runCli(argv, [auditVerify] as Command[], async () => handle.db);
const actor = { userId: null, email: "ana@acme.test", ip: "10.0.0.1" };

/** A workspace with `n` audit rows of its own after the one its creation wrote; answers its id and rows in chain order. */
async function chainOf(name: string, n: number) {
  const { id } = await createWorkspace(handle.db, SYSTEM_ACTOR, { name });
  for (let i = 0; i < n; i++) {
    await recordAudit(handle.db, {
      workspaceId: id,
      actor,
      action: "source.rename",
      targetType: "source",
      targetId: uuidv7(),
      // Keys out of order, nesting, unicode, a fraction and a long digit string: the hash must survive jsonb.
      before: { z: 1, a: { y: [1, 2.5, "ü"], b: null } },
      after: { name: `Name ${i}`, big: "123456789012345678901234567890" },
    });
  }
  const rows = await handle.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.workspaceId, id))
    .orderBy(asc(auditLog.chainSeq));
  return { id, rows };
}

/** What the database's owner can do: switch the append-only trigger off, change the table, switch it on again. */
async function asOwner(statement: string) {
  await handle.db.execute(sql.raw("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"));
  await handle.db.execute(sql.raw(statement));
  await handle.db.execute(sql.raw("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"));
}

const reportOf = async (workspaceId: string) => (await verifyAuditChains(handle.db, { workspaceId }))[0];

describe("the audit hash chain", () => {
  it("numbers each workspace's rows 1, 2, 3 … and links each to the one before", async () => {
    const { rows } = await chainOf("Linked", 4);
    expect(rows.map((r) => r.chainSeq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0].prevHash).toBe("0".repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
  });

  it("stays whole under 40 concurrent writers to one workspace", async () => {
    const { id } = await createWorkspace(handle.db, SYSTEM_ACTOR, { name: "Busy" });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordAudit(handle.db, { workspaceId: id, actor, action: "member.add", targetId: `m-${i}` }),
      ),
    );
    const report = await reportOf(id);
    expect(report).toMatchObject({ verified: 41, broken: null });
  });

  it("verifies a clean log: `N rows verified`, and the same as JSON", async () => {
    const { id, rows } = await chainOf("Clean", 3);
    const text = await cli("audit:verify", "--workspace", "Clean");
    expect(text).toMatchObject({ code: 0, stderr: "" });
    expect(text.stdout).toMatch(new RegExp(`^${rows.length} rows verified\\n`));
    expect(text.stdout).toContain(`workspace "Clean" (${id}): ${rows.length} rows verified`);
    const json = JSON.parse((await cli("audit:verify", "--workspace", id, "--json")).stdout);
    expect(json).toMatchObject({
      ok: true,
      verified: rows.length,
      chains: [
        {
          workspaceId: id,
          workspaceName: "Clean",
          verified: rows.length,
          head: { seq: rows.length, hash: rows.at(-1)!.hash },
        },
      ],
    });
  });

  it("finds a row changed by UPDATE with the trigger disabled", async () => {
    const { id, rows } = await chainOf("Updated", 4);
    const victim = rows[2];
    await asOwner(`UPDATE audit_log SET actor_email = 'someone-else@acme.test' WHERE id = '${victim.id}'`);
    const report = await reportOf(id);
    expect(report.broken).toMatchObject({ rowId: victim.id, seq: 3, problem: "changed", at: victim.at });
    expect(report.verified).toBe(2);
    const printed = await cli("audit:verify", "--workspace", "Updated");
    expect(printed.code).toBe(1);
    expect(printed.stderr).toContain(
      `BROKEN at row ${victim.id} (#3, ${victim.at.toISOString()}, source.rename): its contents do not match its hash`,
    );
  });

  it("finds a change inside the jsonb summary too", async () => {
    const { id, rows } = await chainOf("Summary", 2);
    await asOwner(
      `UPDATE audit_log SET summary = jsonb_set(summary, '{after,name}', '"Forged"') WHERE id = '${rows[1].id}'`,
    );
    expect((await reportOf(id)).broken).toMatchObject({ rowId: rows[1].id, problem: "changed" });
  });

  it("finds a deleted row, at the row after the gap", async () => {
    const { id, rows } = await chainOf("Deleted", 4);
    await asOwner(`DELETE FROM audit_log WHERE id = '${rows[1].id}'`);
    const report = await reportOf(id);
    expect(report.broken).toMatchObject({ rowId: rows[2].id, seq: 3, problem: "missing" });
    expect(report.broken?.detail).toBe("1 row missing before it (position 2)");
  });

  it("finds reordered rows (positions swapped)", async () => {
    const { id, rows } = await chainOf("Reordered", 4);
    await asOwner(`UPDATE audit_log SET chain_seq = -chain_seq WHERE id IN ('${rows[2].id}', '${rows[3].id}')`);
    await asOwner(
      `UPDATE audit_log SET chain_seq = CASE id WHEN '${rows[2].id}' THEN 4 ELSE 3 END WHERE id IN ('${rows[2].id}', '${rows[3].id}')`,
    );
    const report = await reportOf(id);
    expect(report.broken).toMatchObject({ rowId: rows[3].id, seq: 3, problem: "out_of_order" });
  });

  it("finds a row whose hash was recomputed without the key (a plain SHA-256 forgery)", async () => {
    const { id, rows } = await chainOf("Forged", 2);
    await asOwner(
      `UPDATE audit_log SET action = 'nothing.happened', hash = encode(sha256(convert_to(prev_hash || 'nothing.happened', 'UTF8')), 'hex') WHERE id = '${rows[1].id}'`,
    );
    expect((await reportOf(id)).broken).toMatchObject({ rowId: rows[1].id, problem: "changed" });
  });

  it("finds a row taken out of the chain (its chain columns emptied)", async () => {
    const { id, rows } = await chainOf("Stripped", 3);
    const last = rows.at(-1)!;
    await asOwner(`UPDATE audit_log SET chain_seq = NULL, prev_hash = NULL, hash = NULL WHERE id = '${last.id}'`);
    expect((await reportOf(id)).broken).toMatchObject({ rowId: last.id, seq: null, problem: "unchained" });
  });

  it("counts rows from before the chain existed without calling them broken", async () => {
    const { id } = await createWorkspace(handle.db, SYSTEM_ACTOR, { name: "Legacy" });
    await handle.db.insert(auditLog).values({
      id: uuidv7(Date.parse("2024-01-01")),
      workspaceId: id,
      action: "member.add",
      at: new Date("2024-01-01"),
    });
    await recordAudit(handle.db, { workspaceId: id, actor, action: "member.remove" });
    expect(await reportOf(id)).toMatchObject({ verified: 2, unchained: 1, broken: null });
  });

  it("checks every chain when no workspace is named, and refuses an unknown workspace", async () => {
    const all = await cli("audit:verify", "--json");
    expect(all.code).toBe(1);
    expect(JSON.parse(all.stderr).error).toMatch(/audit log chain broken/);
    expect(JSON.parse(all.stderr).error).toMatch(/workspace "Clean" \([0-9a-f-]+\): \d+ rows verified/);
    expect(await cli("audit:verify", "--workspace", "Nope")).toMatchObject({
      code: 1,
      stderr: 'Error: --workspace: no workspace with id or name "Nope"',
    });
  });
});
