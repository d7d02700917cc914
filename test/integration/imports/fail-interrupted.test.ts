import { spawnSync } from "node:child_process";
import os from "node:os";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { fileImports } from "@/db/schema";
import { failInterruptedImports, INTERRUPTED_REASON } from "@/server/imports/fail-interrupted-imports";
import { freshDatabase } from "../../helpers/test-db";
import { seedWorkspace } from "../../helpers/fixtures";
import { auditOf, fileSource } from "./helpers";

let handle: DatabaseHandle;
let workspaceId: string;
let sourceId: string;
beforeAll(async () => {
  handle = await freshDatabase();
  workspaceId = (await seedWorkspace(handle.db, "Interrupted Co")).id;
  sourceId = (await fileSource(handle.db, workspaceId, "Nightly")).id;
});
afterAll(() => handle.close());

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
/** The pid of a process that has already exited. */
const deadPid = () =>
  spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout.trim();

async function runningImport(fileName: string, runner: string | null, heartbeatAt: Date | null) {
  const id = uuidv7();
  await handle.db.insert(fileImports).values({
    workspaceId,
    id,
    sourceId,
    fileName,
    format: "csv",
    mapping: {},
    status: "running",
    runner,
    heartbeatAt,
    rowsImported: 7,
  });
  return id;
}
const statusOf = async (id: string) =>
  (
    await handle.db
      .select()
      .from(fileImports)
      .where(and(eq(fileImports.workspaceId, workspaceId), eq(fileImports.id, id)))
  )[0];

describe("failing imports whose process is gone, at server start", () => {
  it("on PostgreSQL: fails a dead local pid's, a silent runner's and an unowned one; leaves live ones running; audits each", async () => {
    const dead = await runningImport("dead.csv", `${os.hostname()}:${deadPid()}`, new Date());
    const silent = await runningImport("silent.csv", "other-host:123", minutesAgo(10));
    const unowned = await runningImport("old.csv", null, null);
    const alive = await runningImport("alive.csv", `${os.hostname()}:${process.ppid}`, new Date());
    const elsewhere = await runningImport("elsewhere.csv", "other-host:456", minutesAgo(0.5));

    expect(await failInterruptedImports(handle.db, "postgres")).toBe(3);
    for (const id of [dead, silent, unowned]) {
      expect(await statusOf(id)).toMatchObject({
        status: "failed",
        error: INTERRUPTED_REASON,
        rowsImported: 7,
        finishedAt: expect.any(Date),
      });
    }
    for (const id of [alive, elsewhere]) expect((await statusOf(id)).status).toBe("running");

    const audits = (await auditOf(handle.db, workspaceId, "import.fail")).map(
      (a) => a.summary as { after: { importId: string; reason: string; rowsImported: number } },
    );
    expect(audits.map((a) => a.after.importId).sort()).toEqual([dead, silent, unowned].sort());
    expect(audits.every((a) => a.after.reason === INTERRUPTED_REASON && a.after.rowsImported === 7)).toBe(true);
  });

  it("on the embedded database every running import is failed (one process per data folder); finished ones are untouched", async () => {
    const running = await runningImport("left.csv", `${os.hostname()}:${process.ppid}`, new Date());
    const done = uuidv7();
    await handle.db.insert(fileImports).values({
      workspaceId,
      id: done,
      sourceId,
      fileName: "done.csv",
      format: "csv",
      mapping: {},
      status: "completed",
    });
    await failInterruptedImports(handle.db, "pglite");
    expect((await statusOf(running)).status).toBe("failed");
    expect((await statusOf(done)).status).toBe("completed");
    expect(await failInterruptedImports(handle.db, "pglite")).toBe(0);
  });
});
