import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Command } from "@/server/cli/command";
import { importFile } from "@/server/cli/import-file";
import { runCli } from "@/server/cli/run-cli";
import { freshDatabase } from "../../helpers/test-db";
import { seedWorkspace } from "../../helpers/fixtures";
import { auditOf, eventsOf, FIXTURES, fileSource, usersCsv } from "./helpers";

let handle: DatabaseHandle;
let workspaceId: string;
beforeAll(async () => {
  handle = await freshDatabase();
  workspaceId = (await seedWorkspace(handle.db, "CLI Imports")).id;
});
afterAll(() => handle.close());

const cli = (...argv: string[]) => runCli(argv, [importFile] as Command[], async () => handle.db);

describe("npm run cdp -- import", () => {
  it("imports a CSV as identify events and prints the totals as JSON", async () => {
    const source = await fileSource(handle.db, workspaceId, "CLI users");
    const file = path.join(FIXTURES, "users.csv");
    const result = await cli(
      "import",
      "--source",
      source.id,
      "--file",
      file,
      "--format",
      "csv",
      "--mode",
      "identify",
      "--user-id-column",
      "id",
      "--email-column",
      "email",
      "--columns",
      "plan,seats",
      "--json",
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      status: "completed",
      rowsImported: 6,
      rowsDuplicate: 0,
      rowsFailed: 4,
      importId: expect.any(String),
    });
    expect(await eventsOf(handle.db, workspaceId, source.id)).toHaveLength(6);
    const [audit] = await auditOf(handle.db, workspaceId, "import.start");
    expect(audit.actorEmail).toBe("cli");

    const again = await cli(
      "import",
      "--source",
      source.id,
      "--file",
      file,
      "--format",
      "csv",
      "--mode",
      "identify",
      "--user-id-column",
      "id",
      "--email-column",
      "email",
      "--columns",
      "plan,seats",
    );
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Imported users\.csv \([0-9a-f-]{36}\): 0 imported, 6 already there, 4 failed/);
  });

  it("imports NDJSON as track events with an event column", async () => {
    const source = await fileSource(handle.db, workspaceId, "CLI orders");
    const result = await cli(
      "import",
      "--source",
      source.id,
      "--file",
      path.join(FIXTURES, "orders.ndjson"),
      "--format",
      "ndjson",
      "--mode",
      "track",
      "--event-column",
      "event",
      "--user-id-column",
      "user.id",
      "--timestamp-column",
      "at",
      "--json",
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rowsImported: 3, rowsFailed: 4 });
  });

  it("prints progress to stderr that advances with the bytes read", async () => {
    const source = await fileSource(handle.db, workspaceId, "CLI progress");
    const dir = mkdtempSync(path.join(os.tmpdir(), "cdp-progress-"));
    const file = path.join(dir, "many.csv");
    writeFileSync(file, usersCsv(0, 10_000)); // ~450 KB: a handful of reads
    const writes: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (writes.push(String(chunk)), true));
    const now = vi.spyOn(Date, "now");
    let t = 0;
    now.mockImplementation(() => (t += 600));
    try {
      const result = await cli(
        "import",
        "--source",
        source.id,
        "--file",
        file,
        "--format",
        "csv",
        "--mode",
        "identify",
        "--user-id-column",
        "id",
      );
      expect(result.code, result.stderr).toBe(0);
    } finally {
      spy.mockRestore();
      now.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
    // (Node may warn on stderr about the clock being mocked; only the progress lines are read.)
    const lines = writes
      .join("")
      .trim()
      .split("\n")
      .filter((l) => /^\d+% /.test(l));
    for (const line of lines)
      expect(line).toMatch(/^\d+% \(\d+ of \d+ bytes\): \d+ imported, \d+ already there, \d+ failed$/);
    const percents = lines.map((l) => Number(l.split("%")[0]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b)); // never goes back
    expect(new Set(percents.filter((p) => p > 0 && p < 100)).size).toBeGreaterThanOrEqual(3);
  });

  it("refuses a binary file, naming what it is, and starts no import", async () => {
    const source = await fileSource(handle.db, workspaceId, "CLI binary");
    const dir = mkdtempSync(path.join(os.tmpdir(), "cdp-binary-"));
    const file = path.join(dir, "export.csv");
    writeFileSync(file, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(3_000, 1)]));
    try {
      const result = await cli(
        "import",
        "--source",
        source.id,
        "--file",
        file,
        "--format",
        "csv",
        "--mode",
        "identify",
        "--user-id-column",
        "id",
      );
      expect(result).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(
          /^Error: The file is a ZIP archive \(or an Excel \.xlsx workbook\), not CSV or NDJSON text/,
        ),
      });
      expect((await auditOf(handle.db, workspaceId, "import.start")).filter((a) => a.targetId === source.id)).toEqual(
        [],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("explains bad command lines", async () => {
    const source = await fileSource(handle.db, workspaceId, "CLI errors");
    const noEvent = await cli(
      "import",
      "--source",
      source.id,
      "--file",
      "x.csv",
      "--format",
      "csv",
      "--mode",
      "track",
      "--user-id-column",
      "id",
    );
    expect(noEvent).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/eventName: a track import needs an event name or an event column/),
    });
    const missing = await cli(
      "import",
      "--source",
      source.id,
      "--file",
      "/nope/x.csv",
      "--format",
      "csv",
      "--mode",
      "identify",
      "--user-id-column",
      "id",
    );
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot read "\/nope\/x\.csv"/) });
    const unknown = await cli(
      "import",
      "--source",
      "0190a0a0-0000-7000-8000-000000000000",
      "--file",
      path.join(FIXTURES, "users.csv"),
      "--format",
      "csv",
      "--mode",
      "identify",
      "--user-id-column",
      "id",
    );
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringMatching(/no source with id/) });
    const format = await cli("import", "--source", source.id, "--file", "x", "--format", "xlsx", "--mode", "identify");
    expect(format).toMatchObject({ code: 2, stderr: expect.stringMatching(/--format: must be csv or ndjson/) });
    const wrongColumn = await cli(
      "import",
      "--source",
      source.id,
      "--file",
      path.join(FIXTURES, "users.csv"),
      "--format",
      "csv",
      "--mode",
      "identify",
      "--user-id-column",
      "user_id",
    );
    expect(wrongColumn).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/failed: The file has no column "user_id"/),
    });
  });
});
