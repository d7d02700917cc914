import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { createInterface } from "node:readline";

/** Child processes of the benchmark: the ingestion-only server and the bare HTTP server. */
export interface Started<T> {
  child: ChildProcess;
  ready: T;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `node [nodeArgs] script [args]` and waits for the JSON line it prints once ready. */
export async function startJsonProcess<T>(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
): Promise<Started<T>> {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script, ...args], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Never leave a server behind, whatever happens to the benchmark.
  process.once("exit", () => child.kill("SIGKILL"));
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  const lines = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`${script} exited (${code}) before it was ready:\n${stderr}`)));
  });
  child.once("exit", (code, signal) => {
    if (code && signal !== "SIGKILL") process.stderr.write(`${script} exited with ${code}:\n${stderr}\n`);
  });
  return { child, ready: JSON.parse(line) as T };
}

/** Stops a child gracefully and waits for it to exit. */
export function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

/** The peak resident set size of a live process in MB (Linux VmHWM). */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU seconds (user + system) a live process has used so far, with `children` also those of its children
 * that have ended; 0 once it is gone.
 */
export function cpuSeconds(pid: number, children = false): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    const own = Number(fields[11]) + Number(fields[12]);
    return (children ? own + Number(fields[13]) + Number(fields[14]) : own) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by every Postgres process on the machine (server, backends, WAL writer …),
 * including backends that have ended (the server counts them as its children).
 */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").startsWith("postgres")) total += cpuSeconds(Number(entry), true);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
