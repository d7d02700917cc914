/**
 * The benchmark's side of the server: start it as a child process, drive its control route, and ask the probes
 * — straight from this process on Postgres, through the server on PGlite (one process per data folder).
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { freePort, startJsonProcess } from "../bench-processes";
import { PROBES, type ProbeName } from "./probes";

export type Seed = { workspaceId: string; sourceId: string; writeKey: string };

// The server gets the Node flags `npm start` gives it.
const START_FLAGS = (JSON.parse(readFileSync("package.json", "utf8")).scripts.start as string)
  .split(" ")
  .filter((arg) => arg.startsWith("--"));

export async function startBenchServer(env: Record<string, string>, seed?: Seed) {
  const port = await freePort();
  const started = await startJsonProcess<{ seed?: Seed; pid: number; driver: string }>(
    "test/bench/identity/bench-server.mts",
    seed ? [] : ["--seed"],
    { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    START_FLAGS,
  );
  // What the server logs (a failed pipeline step, say) shows up in the benchmark's output.
  started.child.stderr!.on("data", (chunk: Buffer) =>
    process.stderr.write(
      chunk
        .toString("utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => `  [server] ${l}\n`)
        .join(""),
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  const theSeed = seed ?? started.ready.seed!;
  return {
    ...started,
    url,
    seed: theSeed,
    headers: {
      authorization: `Basic ${Buffer.from(`${theSeed.writeKey}:`).toString("base64")}`,
      "content-type": "application/json",
    },
    control: <T>(path: string, body: unknown = null) =>
      control<T>(url, path, body).catch((error: Error) => {
        const { exitCode, signalCode } = started.child;
        const state =
          exitCode !== null || signalCode ? `the server exited (${exitCode ?? signalCode})` : "server alive";
        throw new Error(`control ${path}: ${error.message} (${state})`);
      }),
  };
}
export type BenchServer = Awaited<ReturnType<typeof startBenchServer>>;

/**
 * One control call on a connection of its own (no keep-alive: on PGlite the server's event loop can stand still
 * for a long statement, and a pooled connection it closed meanwhile would answer ECONNRESET).
 */
function control<T>(url: string, path: string, body: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/__bench/${path}`,
      { method: "POST", agent: false, headers: { "content-type": "application/json" } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => {
          try {
            const result = JSON.parse(text) as T & { error?: string };
            if (response.statusCode === 200) resolve(result);
            else reject(new Error(result.error ?? text));
          } catch (error) {
            reject(error as Error);
          }
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify(body));
  });
}

type Probes = typeof PROBES;
type Args<K extends ProbeName> = Parameters<Probes[K]> extends [unknown, ...infer R] ? R : never;
export type Probe = <K extends ProbeName>(name: K, ...args: Args<K>) => ReturnType<Probes[K]>;

/** Probes on a database this process opens itself (Postgres), or through the server's control route. */
export async function openProbe(
  databaseUrl: string | null,
  server: () => BenchServer,
): Promise<{ probe: Probe; close(): Promise<void> }> {
  if (!databaseUrl) {
    const probe = ((name: ProbeName, ...args: unknown[]) => server().control(`probe/${name}`, args)) as Probe;
    return { probe, close: async () => {} };
  }
  const handle: DatabaseHandle = await openDatabase({ url: databaseUrl, poolSize: 2 });
  const probe = ((name: ProbeName, ...args: unknown[]) =>
    (PROBES[name] as (db: unknown, ...rest: unknown[]) => Promise<unknown>)(handle.db, ...args)) as Probe;
  return { probe, close: () => handle.close() };
}
