import os from "node:os";

/** How often a running import shows it is alive; one silent for STALE_AFTER_MS has lost its process. */
export const HEARTBEAT_MS = 15_000;
export const STALE_AFTER_MS = 2 * 60_000;

/** This process, as recorded on the imports it runs: host name and pid. */
export const thisRunner = () => `${os.hostname()}:${process.pid}`;

/** A runner of this host whose process is gone (another host's runner is judged by its heartbeat). */
export function isDeadLocalRunner(runner: string | null): boolean {
  if (!runner) return true;
  const at = runner.lastIndexOf(":");
  const host = runner.slice(0, at);
  const pid = Number(runner.slice(at + 1));
  if (host !== os.hostname() || !Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "EPERM";
  }
}
