import { describe, expect, it } from "vitest";
import { foreignOriginReason } from "@/server/auth/origin-check";

const HOST = "cdp.example.com";
const check = (method: string, path: string, headers: Record<string, string>) =>
  foreignOriginReason(method, path, new Headers({ host: HOST, ...headers }));

describe("foreignOriginReason (CSRF guard)", () => {
  it("lets a same-origin POST through", () => {
    expect(check("POST", "/api/trpc/team.add", { origin: `https://${HOST}` })).toBeNull();
  });

  it("refuses a POST from another origin, naming it", () => {
    expect(check("POST", "/api/trpc/team.add", { origin: "https://evil.example" })).toMatch(/https:\/\/evil\.example/);
    expect(check("DELETE", "/api/anything", { origin: `https://${HOST}.evil.example` })).not.toBeNull();
    expect(check("POST", "/api/trpc/team.add", { origin: `https://${HOST}:8443` })).not.toBeNull();
  });

  it("compares with X-Forwarded-Host when a proxy sets it", () => {
    expect(
      check("POST", "/api/x", { "x-forwarded-host": "public.example", origin: "https://public.example" }),
    ).toBeNull();
    expect(check("POST", "/api/x", { "x-forwarded-host": "public.example", origin: `https://${HOST}` })).not.toBeNull();
  });

  it.each(["GET", "HEAD", "OPTIONS", "get"])("lets %s through whatever the origin", (method) => {
    expect(check(method, "/team", { origin: "https://evil.example", "sec-fetch-site": "cross-site" })).toBeNull();
  });

  it.each(["/v1/track", "/v1/batch", "/api/webhooks/abc", "/api/cron/nightly", "/api/health"])(
    "lets cross-origin POSTs to %s through",
    (path) => {
      expect(check("POST", path, { origin: "https://customer-site.example" })).toBeNull();
    },
  );

  it("does not mistake look-alike paths for the open endpoints", () => {
    expect(check("POST", "/v1", { origin: "https://evil.example" })).not.toBeNull();
    expect(check("POST", "/api/trpc/v1/x", { origin: "https://evil.example" })).not.toBeNull();
    expect(check("POST", "/api/healthz", { origin: "https://evil.example" })).not.toBeNull();
  });

  it("refuses a cross-site Sec-Fetch-Site without an Origin", () => {
    expect(check("POST", "/api/trpc/team.add", { "sec-fetch-site": "cross-site" })).toMatch(/cross-site/);
  });

  it("lets same-site/same-origin fetches and header-less clients (curl) without an Origin through", () => {
    expect(check("POST", "/api/trpc/team.add", { "sec-fetch-site": "same-origin" })).toBeNull();
    expect(check("POST", "/api/trpc/team.add", {})).toBeNull();
  });

  it("refuses a malformed or opaque Origin", () => {
    expect(check("POST", "/api/trpc/team.add", { origin: "not a url" })).toMatch(/malformed/);
    expect(check("POST", "/api/trpc/team.add", { origin: "null" })).toMatch(/opaque/);
  });
});
