import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { securityHeaders, servedOverHttps } from "@/server/auth/security-headers";

const get = (url: string, headers: Record<string, string> = {}) => proxy(new NextRequest(url, { headers }));

/** The directives of a CSP header as a map: name → sources. */
function directives(csp: string | null): Record<string, string[]> {
  expect(csp, "Content-Security-Policy header").toBeTruthy();
  return Object.fromEntries(
    csp!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe("security headers on console pages (proxy.ts)", () => {
  it("sends a CSP whose scripts need this response's nonce, and no framing, sniffing or full referrers", () => {
    const response = get("http://localhost:3000/sources");
    const csp = directives(response.headers.get("content-security-policy"));
    const nonce = csp["script-src"].find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(csp["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(csp["script-src"]).not.toContain("'unsafe-inline'");
    expect(csp["script-src"]).not.toContain("'unsafe-eval'");
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("hands the same nonce to Next (request headers x-nonce and Content-Security-Policy), a new one per request", () => {
    const first = get("http://localhost:3000/");
    const csp = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    const second = get("http://localhost:3000/");
    expect(second.headers.get("x-middleware-request-x-nonce")).not.toBe(nonce);
  });

  it("sends no HSTS over plain http, and ignores X-Forwarded-Proto from an untrusted client", () => {
    expect(get("http://localhost:3000/").headers.get("strict-transport-security")).toBeNull();
    expect(
      get("http://localhost:3000/", { "x-forwarded-proto": "https" }).headers.get("strict-transport-security"),
    ).toBeNull();
    expect(
      directives(get("http://localhost:3000/").headers.get("content-security-policy"))["upgrade-insecure-requests"],
    ).toBeUndefined();
  });

  it("gives the headers to a refused cross-site request too", async () => {
    const response = proxy(
      new NextRequest("http://localhost:3000/api/trpc/team.add", {
        method: "POST",
        headers: { origin: "https://evil.example", host: "localhost:3000" },
      }),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: { code: "forbidden", message: "cross-site request from https://evil.example refused" },
    });
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});

describe("https detection for HSTS", () => {
  const base = { authUrl: undefined, trustedProxyHops: 0, forwardedProto: null, requestProtocol: "http:" };
  it("is on when AUTH_URL is https, or a trusted proxy says https, or the request came over TLS", () => {
    expect(servedOverHttps({ ...base, authUrl: "https://cdp.example.com" })).toBe(true);
    expect(servedOverHttps({ ...base, trustedProxyHops: 1, forwardedProto: "https" })).toBe(true);
    expect(servedOverHttps({ ...base, trustedProxyHops: 1, forwardedProto: "HTTPS, http" })).toBe(true);
    expect(servedOverHttps({ ...base, requestProtocol: "https:" })).toBe(true);
  });
  it("is off for http AUTH_URL, an untrusted X-Forwarded-Proto, or a proxy that says http", () => {
    expect(servedOverHttps({ ...base, authUrl: "http://cdp.internal" })).toBe(false);
    expect(servedOverHttps({ ...base, forwardedProto: "https" })).toBe(false);
    expect(servedOverHttps({ ...base, trustedProxyHops: 1, forwardedProto: "http" })).toBe(false);
  });
  it("adds Strict-Transport-Security and upgrade-insecure-requests when on", () => {
    const headers = securityHeaders("bm9uY2U=", true);
    expect(headers["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(headers["Content-Security-Policy"]).toMatch(/; upgrade-insecure-requests$/);
  });
});
