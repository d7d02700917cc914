import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { DataDirInUseError, lockDataDir } from "@/db/drivers/pglite-lock";

/**
 * PGlite has no lock of its own: a second process on the same data folder would silently lose writes.
 * These tests hold the folder in this process and start real child processes against it.
 */
const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cdp-lock-"));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
/** `npx tsx <script> <args>` on the embedded database in dataDir (DATABASE_URL unset). */
function runTsx(dataDir: string, script: string, ...args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, CDP_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  return new Promise((resolve) => {
    execFile("npx", ["tsx", script, ...args], { env, cwd: process.cwd(), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const lockFile = (dir: string) => path.join(dir, "cdp.lock");

describe("a data folder held by this process", () => {
  let dir: string;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    dir = tempDir();
    handle = await openDatabase({ dataDir: dir });
  });
  afterAll(async () => {
    await handle?.close().catch(() => {});
  });

  it("carries a lock file with this process's PID", () => {
    expect(readFileSync(lockFile(dir), "utf8").trim()).toBe(String(process.pid));
  });

  it("refuses npx tsx server/db-migrate.ts with a clear message", async () => {
    const run = await runTsx(dir, "server/db-migrate.ts");
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("in use by another process");
    expect(run.stderr).toContain(`pid ${process.pid}`);
    expect(run.stdout).not.toMatch(/Migrations applied/);
  }, 60_000);

  it("refuses npx tsx server/cli.ts workspace:create the same way", async () => {
    const run = await runTsx(dir, "server/cli.ts", "workspace:create", "--name", "X");
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("in use by another process");
  }, 60_000);

  it("still holds the lock after the refused processes exited (they did not remove it)", async () => {
    expect(readFileSync(lockFile(dir), "utf8").trim()).toBe(String(process.pid));
    await handle.ping();
  });

  it("lets the next process in once the handle is closed", async () => {
    await handle.close();
    expect(existsSync(lockFile(dir))).toBe(false);
    const run = await runTsx(dir, "server/db-migrate.ts");
    expect(run.stderr).toBe("");
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain("Migrations applied (pglite)");
    expect(existsSync(lockFile(dir)), "the child releases the lock when it exits").toBe(false);
  }, 60_000);
});

describe("lockDataDir", () => {
  it("refuses a second lock in the same process with DataDirInUseError naming the folder and PID", () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    try {
      let error: unknown;
      try {
        lockDataDir(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataDirInUseError);
      expect(error).toMatchObject({ dataDir: dir, pid: process.pid });
      expect((error as Error).message).toContain(dir);
    } finally {
      release();
    }
    expect(existsSync(lockFile(dir))).toBe(false);
    lockDataDir(dir)(); // free again after release
  });

  it("takes over a stale lock left by a dead process", () => {
    const dir = tempDir();
    const deadPid = 999_999;
    expect(() => process.kill(deadPid, 0), "precondition: the PID is not running").toThrow();
    writeFileSync(lockFile(dir), String(deadPid));
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile(dir), "utf8").trim()).toBe(String(process.pid));
    release();
    expect(existsSync(lockFile(dir))).toBe(false);
  });

  it("takes over a lock file that holds no PID", () => {
    const dir = tempDir();
    writeFileSync(lockFile(dir), "garbage");
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile(dir), "utf8").trim()).toBe(String(process.pid));
    release();
  });

  it("release leaves alone a lock file that now names another live process", () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    writeFileSync(lockFile(dir), "1"); // as if PID 1 (always alive) now held it
    release();
    expect(readFileSync(lockFile(dir), "utf8").trim()).toBe("1");
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
  });
});
