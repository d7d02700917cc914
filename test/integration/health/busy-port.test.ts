import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * `npm start` on a port another process holds: it must say so and exit at once, before it opens or creates
 * the database, makes the demo workspace or prints its password.
 */
const dirs: string[] = [];
const holders: net.Server[] = [];
afterAll(async () => {
  for (const holder of holders) await new Promise((resolve) => holder.close(resolve));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function holdPort(): Promise<number> {
  const holder = net.createServer();
  holders.push(holder);
  return new Promise((resolve) =>
    holder.listen(0, "127.0.0.1", () => resolve((holder.address() as net.AddressInfo).port)),
  );
}

function start(
  env: NodeJS.ProcessEnv,
  killAfterMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn("npx", ["tsx", "server/main.ts"], {
      env,
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe("npm start on a busy port", () => {
  it("exits non-zero within seconds, naming the port and host, having created nothing", async () => {
    const port = await holdPort();
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), "cdp-port-")), "data");
    dirs.push(path.dirname(dataDir));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      CDP_DATA_DIR: dataDir,
      NODE_ENV: "production",
    };
    for (const name of ["DATABASE_URL", "TEST_DATABASE_URL", "AUTH_SECRET", "CDP_SECRET_KEY", "CDP_ADMIN_PASSWORD"])
      delete env[name];

    const run = await start(env, 25_000);
    expect(run.code, `stderr: ${run.stderr}`).not.toBe(0);
    expect(run.code).not.toBeNull(); // it exited by itself, it was not killed
    expect(run.ms).toBeLessThan(15_000); // npx + tsx start-up is most of it
    expect(run.stderr).toContain(`127.0.0.1:${port}`);
    expect(run.stderr).toContain("already in use");
    expect(run.stderr).not.toMatch(/\n\s+at /); // a sentence, not a stack
    expect(run.stdout).not.toMatch(/password/i);
    expect(existsSync(dataDir) ? readdirSync(dataDir) : [], "nothing created in the data folder").toEqual([]);
  }, 30_000);
});
