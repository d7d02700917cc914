import { describe, expect, it } from "vitest";
import { keepHeaders } from "@/server/webhooks/keep-headers";

const kept = (names: string[]) => Object.keys(keepHeaders(names.map((name) => [name, "value"] as const)));

describe("the headers a delivery keeps", () => {
  it("drops every name that looks like a credential or a signature, whatever its case or separators", () => {
    const credentials = [
      "Authorization",
      "Proxy-Authorization",
      "Cookie",
      "Set-Cookie",
      "x-api_key",
      "X-API-KEY",
      "x_api_key",
      "apikey",
      "x-auth",
      "X-Auth-Token",
      "x-access-key",
      "x-access_token",
      "X-Gitlab-Token",
      "x-webhook-secret",
      "client_secret",
      "x-user-password",
      "X-Hub-Signature-256",
      "stripe-signature",
      "webhook-signature",
      "svix-signature",
      "X-Shopify-Hmac-Sha256",
      "x-oauth-credential",
      "x-session-cookie",
      "x-cdp-client-ip",
    ];
    expect(kept(credentials)).toEqual([]);
  });

  it("keeps ordinary headers beside them", () => {
    const ordinary = [
      "content-type",
      "user-agent",
      "x-github-event",
      "x-github-delivery",
      "webhook-id",
      "webhook-timestamp",
      "x-shopify-topic",
      "x-request-id",
      "accept-encoding",
    ];
    expect(kept([...ordinary, "x-api_key", "x-auth"]).sort()).toEqual([...ordinary].sort());
  });

  it("honours smaller limits when asked", () => {
    const headers = keepHeaders(
      Array.from({ length: 10 }, (_, i) => [`x-h${i}`, "v".repeat(500)] as const),
      { maxHeaders: 3, maxValueLength: 10 },
    );
    expect(Object.keys(headers)).toEqual(["x-h0", "x-h1", "x-h2"]);
    expect(headers["x-h0"]).toBe("v".repeat(10));
  });
});
