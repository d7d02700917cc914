/**
 * Starts the real server (server/main.ts, production build) for the browser tests on a throwaway database:
 * a fresh PGlite folder, or a fresh database on TEST_DATABASE_URL's server when that is set.
 */
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { E2E_ADMIN } from "./credentials";

const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: process.env.E2E_PORT ?? "3210",
  HOST: "127.0.0.1",
  CDP_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "cdp-e2e-")),
  CDP_ADMIN_EMAIL: E2E_ADMIN.email,
  CDP_ADMIN_PASSWORD: E2E_ADMIN.password,
  NODE_ENV: "production",
};
delete env.DATABASE_URL;

let dropDatabase = async () => {};
if (process.env.TEST_DATABASE_URL) {
  // Named after the test database, so a run killed before its clean-up is replaced by the next one.
  const name = `${new URL(process.env.TEST_DATABASE_URL).pathname.slice(1).replace(/[^a-z0-9_]/gi, "") || "cdp"}_e2e`;
  const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    const dropper = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await dropper.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await dropper.end();
  };
}

const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { env, stdio: "inherit" });
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => void dropDatabase().finally(() => process.exit(code ?? 0)));
