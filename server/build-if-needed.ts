import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const SOURCES = [
  "app",
  "components",
  "server",
  "db",
  "next.config.js",
  "tailwind.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "proxy.ts",
];

function newestChange(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce(
    (newest, name) => Math.max(newest, newestChange(path.join(entry, name))),
    stat.mtimeMs,
  );
}

/** Runs `next build` when there is no production build or a source file changed since the last one. */
export function buildIfNeeded(root: string): void {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changedAt = Math.max(...SOURCES.map((s) => newestChange(path.join(root, s))));
  if (builtAt > changedAt) return;
  console.log(
    builtAt
      ? "Sources changed since the last build: rebuilding…"
      : "No production build yet: building (about a minute)…",
  );
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  if (result.status !== 0) throw new Error(`next build failed with exit code ${result.status}`);
}
