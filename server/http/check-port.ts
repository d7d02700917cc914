import net from "node:net";

/** The port the server is configured for cannot be listened on (taken by another process, or not allowed). */
export class PortUnavailableError extends Error {
  constructor(port: number, host: string, reason: string) {
    super(
      `Cannot listen on ${host}:${port}: ${reason}. ` +
        `Stop the process that holds port ${port}, or set PORT (and HOST) to a free one, e.g. PORT=3001 npm start.`,
    );
    this.name = "PortUnavailableError";
  }
}

export function portUnavailable(error: unknown, port: number, host: string): PortUnavailableError | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "EADDRINUSE") return new PortUnavailableError(port, host, "the port is already in use");
  if (code === "EACCES")
    return new PortUnavailableError(port, host, "permission denied (ports below 1024 need privileges)");
  if (code === "EADDRNOTAVAIL")
    return new PortUnavailableError(port, host, `${host} is not an address of this machine`);
  return null;
}

/**
 * Listens on the port for a moment and lets it go: the start-up checks it first, so a taken port is reported
 * before anything is opened, created or printed. Rejects with PortUnavailableError.
 */
export function checkPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", (error) => reject(portUnavailable(error, port, host) ?? error));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}
