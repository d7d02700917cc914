/**
 * (3) The Profile API at a fixed request rate: GET /v1/profiles/email:<a random stored email>/traits with a
 * profiles:read access token made by the CLI. Until the API has landed (committed under server/profile-api)
 * the phase is skipped with a note saying so.
 */
import { execFileSync } from "node:child_process";
import { cannon, okCount } from "./cannon";
import type { BenchServer } from "./bench-client";

/** Null when the Profile API is there to measure, else why not. */
export function profileApiMissing(): string | null {
  const log = execFileSync("git", ["log", "--oneline", "-1", "--", "server/profile-api"], { encoding: "utf8" });
  return log.trim() ? null : "the Profile API (server/profile-api) has not landed yet: git log shows no commit of it";
}

/** `npm run cdp -- token:create --workspace W --name … --scope profiles:read --json` → the token. */
export function createProfilesToken(env: Record<string, string>, workspaceId: string): string {
  const out = execFileSync(
    "npm",
    [
      "run",
      "-s",
      "cdp",
      "--",
      "token:create",
      "--workspace",
      workspaceId,
      "--name",
      "Identity benchmark",
      "--scope",
      "profiles:read",
      "--json",
    ],
    { encoding: "utf8", env: { ...process.env, ...env } },
  );
  const result = JSON.parse(out) as Record<string, unknown>;
  const nested = (result.token ?? result.accessToken ?? result.secret) as unknown;
  const token =
    typeof nested === "string"
      ? nested
      : ((nested as Record<string, unknown> | undefined)?.secret ?? (nested as Record<string, unknown>)?.token);
  if (typeof token !== "string") throw new Error(`token:create printed no token: ${out.slice(0, 200)}`);
  return token;
}

export async function runProfileApi(
  server: BenchServer,
  token: string,
  options: { rate: number; seconds: number; emails: string[]; connections: number },
) {
  const result = await cannon({
    url: server.url,
    connections: options.connections,
    duration: options.seconds,
    overallRate: options.rate,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      {
        method: "GET",
        setupRequest: (request) => ({
          ...request,
          path: `/v1/profiles/email:${encodeURIComponent(options.emails[Math.floor(Math.random() * options.emails.length)])}/traits`,
        }),
      },
    ],
  });
  const ok = okCount(result);
  return {
    requestsPerSecond: result.requests.total / result.duration,
    ok,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    failed: result.errors + result.timeouts + result.non2xx,
    statusCodes: Object.keys(result.statusCodeStats ?? {}).join(", "),
  };
}
