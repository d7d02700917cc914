import http from "node:http";
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { createHttpServer } from "@/server/http/create-http-server";
import { handleFastPath } from "@/server/http/fast-path";
import { basicAuth, post } from "./tracking-server";

/**
 * Bounded waits: a tracking request never hangs on a database that does not answer (it answers 503 with
 * Retry-After once its storage budget is spent), and a client that stops sending is disconnected.
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A TCP server that accepts connections and never says a word: a Postgres that hangs. */
async function silentServer(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as net.AddressInfo).port;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

describe("a database that does not answer", () => {
  it("answers every request 503 with Retry-After within the storage timeout, instead of hanging", async () => {
    const port = await silentServer();
    const handle: DatabaseHandle = await openDatabase({
      url: `postgres://postgres@127.0.0.1:${port}/cdp`,
      poolSize: 2,
    });
    cleanups.push(() =>
      Promise.race([handle.close().catch(() => {}), new Promise<void>((resolve) => setTimeout(resolve, 500))]),
    );
    const deps = { getDb: async () => handle.db, storageTimeoutMs: 1_000 };
    const url = await listen(http.createServer((req, res) => void handleFastPath(req, res, deps)));

    const started = Date.now();
    const key = `wk_${"x".repeat(32)}`;
    const body = { type: "track", userId: "u", event: "Clicked" };
    // The key in the Basic auth header (looked up before the body is read) or in the body (after).
    const sends = Array.from({ length: 6 }, (_, i) =>
      i % 2
        ? post(`${url}/v1/track`, body, { authorization: basicAuth(key) })
        : post(`${url}/v1/track`, { ...body, writeKey: key }),
    );
    const results = await Promise.all(
      sends.map((sending) => sending.then((r) => ({ ...r, ms: Date.now() - started }))),
    );
    for (const result of results) {
      expect(result.status).toBe(503);
      expect(result.headers.get("retry-after")).toBe("1");
      expect((result.json as { error: { code: string } }).error.code).toBe("storage_unavailable");
      expect(result.ms).toBeLessThan(2_500);
    }
  });
});

/** Sends `text` on a raw connection and reports what came back and when the server closed it. */
function stallAfter(url: string, text: string): Promise<{ ms: number; answer: string }> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const started = Date.now();
    let answer = "";
    const socket = net.connect(Number(port), "127.0.0.1", () => socket.write(text));
    socket.on("data", (chunk) => (answer += chunk));
    socket.on("error", () => {});
    socket.on("close", () => resolve({ ms: Date.now() - started, answer }));
  });
}

describe("a client that stops sending", () => {
  it("is answered 408 and disconnected after the request timeout when its body stalls, and after the headers timeout when its headers do", async () => {
    const server = createHttpServer({ headersTimeoutMs: 1_000, requestTimeoutMs: 1_500 }, (req, res) => {
      if (!handleFastPath(req, res, { getDb: () => new Promise(() => {}) })) res.writeHead(404).end();
    });
    const url = await listen(server);
    const [body, headers] = await Promise.all([
      stallAfter(
        url,
        `POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"type":"track",`,
      ),
      stallAfter(url, `POST /v1/track HTTP/1.1\r\nHost: x\r\nContent-Ty`),
    ]);
    expect(body.ms).toBeGreaterThanOrEqual(1_400);
    expect(body.ms).toBeLessThan(4_000);
    expect(headers.ms).toBeGreaterThanOrEqual(900);
    expect(headers.ms).toBeLessThan(3_500);
    expect(body.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(headers.answer).toMatch(/^HTTP\/1\.1 408/);
  });
});

describe("a console upload", () => {
  it("may take longer than the request timeout while bytes keep coming, and is closed once they stop", async () => {
    const server = createHttpServer({ headersTimeoutMs: 1_000, requestTimeoutMs: 800 }, (req, res) => {
      let bytes = 0;
      req.on("data", (chunk: Buffer) => (bytes += chunk.length));
      req.on("end", () => res.writeHead(200, { "content-length": String(String(bytes).length) }).end(String(bytes)));
    });
    const url = await listen(server);
    const { port } = new URL(url);
    const slow = await new Promise<string>((resolve) => {
      let answer = "";
      const socket = net.connect(Number(port), "127.0.0.1", async () => {
        socket.write(`POST /api/imports/x HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\n`);
        for (const part of ["ab", "cd", "ef"]) {
          await new Promise((r) => setTimeout(r, 500)); // 1.5 s in all, never 0.8 s without a byte
          socket.write(part);
        }
      });
      socket.on("data", (chunk) => {
        answer += chunk;
        socket.end();
      });
      socket.on("close", () => resolve(answer));
    });
    expect(slow).toMatch(/^HTTP\/1\.1 200[\s\S]*6$/);
    const stalled = await stallAfter(url, `POST /api/imports/x HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc`);
    expect(stalled.answer).toMatch(/^HTTP\/1\.1 408[\s\S]*paused/);
    expect(stalled.ms).toBeLessThan(3_000);
    server.close();
  });
});
