import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { useDatabase } from "@/server/database";
import { handlers } from "@/server/auth/nextauth";
import { CLIENT_IP_HEADER, socketClientIp } from "@/server/auth/client-ip";
import { MAX_FAILED_ATTEMPTS } from "@/server/accounts/verify-credentials";
import { freshDatabase } from "../../helpers/test-db";
import { TEST_PASSWORD, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";

/**
 * A loopback server that sets the client address the way server/main.ts does (socketClientIp), then hands
 * the request to next-auth's handlers. The test is the proxy: every request arrives from 127.0.0.1.
 */
function authServer(trustedHops: number) {
  return http.createServer(async (req, res) => {
    req.headers[CLIENT_IP_HEADER] = socketClientIp(req, trustedHops);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://localhost:3000${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const response = await (req.method === "POST" ? handlers.POST : handlers.GET)(request as never);
    res.setHeader("set-cookie", response.headers.getSetCookie());
    res.writeHead(response.status, {
      location: response.headers.get("location") ?? "",
      "content-type": response.headers.get("content-type") ?? "text/plain",
    });
    res.end(Buffer.from(await response.arrayBuffer()));
  });
}

let handle: DatabaseHandle;
let ws: SeededWorkspace;
const servers: http.Server[] = [];
let trusting: string;
let direct: string;

async function listen(server: http.Server) {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  handle = await freshDatabase();
  useDatabase(handle);
  ws = await seedWorkspace(handle.db, "Proxied");
  trusting = await listen(authServer(1));
  direct = await listen(authServer(0));
});
afterAll(async () => {
  for (const server of servers) server.close();
  await handle.close();
});

/** Signs in over HTTP as a browser behind the proxy at `forwardedFor`; answers the error code or "ok". */
async function signIn(base: string, email: string, password: string, forwardedFor: string) {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie,
      origin: "http://localhost:3000",
      "x-forwarded-for": forwardedFor,
    },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: "http://localhost:3000/" }),
  });
  const signedIn = response.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="));
  return signedIn ? "ok" : new URL(response.headers.get("location") ?? "", "http://x").searchParams.get("code");
}

describe("the per-IP lock behind a trusted proxy (CDP_TRUSTED_PROXY_HOPS=1)", () => {
  it("locks the address that failed, not every user behind the same proxy", async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      expect(await signIn(trusting, `spray${i}@proxied.test`, "not the password", "198.51.100.66")).toBe("credentials");
    }
    expect(await signIn(trusting, ws.members.analyst.email, TEST_PASSWORD, "198.51.100.66")).toBe("locked");
    expect(await signIn(trusting, ws.members.viewer.email, TEST_PASSWORD, "198.51.100.7")).toBe("ok");
  });

  it("cannot be dodged by writing X-Forwarded-For: the proxy's appended entry is the one used", async () => {
    expect(await signIn(trusting, ws.members.analyst.email, TEST_PASSWORD, "203.0.113.1, 198.51.100.66")).toBe(
      "locked",
    );
  });

  it("keeps the per-account lock whatever the address", async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      expect(await signIn(trusting, ws.members.marketer.email, `guess ${i}`, `198.51.100.${100 + i}`)).toBe(
        "credentials",
      );
    }
    expect(await signIn(trusting, ws.members.marketer.email, TEST_PASSWORD, "198.51.100.200")).toBe("locked");
  });
});

describe("without a trusted proxy (the default)", () => {
  it("ignores X-Forwarded-For: failures from the same socket lock it whatever header they send", async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      expect(await signIn(direct, `other${i}@proxied.test`, "not the password", `192.0.2.${i}`)).toBe("credentials");
    }
    expect(await signIn(direct, ws.members.admin.email, TEST_PASSWORD, "192.0.2.250")).toBe("locked");
  });
});
