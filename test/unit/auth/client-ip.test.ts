import { describe, expect, it } from "vitest";
import { forwardedClientIp } from "@/server/auth/client-ip";
import { EnvError, parseEnv } from "@/server/env";

describe("forwardedClientIp", () => {
  it("ignores X-Forwarded-For when no proxy is trusted (anyone can write it)", () => {
    expect(forwardedClientIp("203.0.113.9", "198.51.100.1", 0)).toBe("203.0.113.9");
    expect(forwardedClientIp("203.0.113.9", undefined, 0)).toBe("203.0.113.9");
  });

  it("takes the address the one trusted proxy saw", () => {
    expect(forwardedClientIp("10.0.0.254", "198.51.100.1", 1)).toBe("198.51.100.1");
  });

  it("skips what the client wrote itself: only the entries added by trusted proxies count", () => {
    // The client sent `X-Forwarded-For: 1.2.3.4`; the proxy appended the real peer.
    expect(forwardedClientIp("10.0.0.254", "1.2.3.4, 198.51.100.1", 1)).toBe("198.51.100.1");
    // Two proxies: CDN (appends the client) → load balancer (appends the CDN) → us.
    expect(forwardedClientIp("10.0.0.254", "1.2.3.4, 198.51.100.1, 192.0.2.7", 2)).toBe("198.51.100.1");
  });

  it("takes the leftmost entry when there are fewer entries than trusted hops", () => {
    expect(forwardedClientIp("10.0.0.254", "198.51.100.1", 3)).toBe("198.51.100.1");
  });

  it("joins repeated headers, trims spaces and skips empty entries", () => {
    expect(forwardedClientIp("10.0.0.254", ["1.2.3.4", " 198.51.100.1 ,"], 1)).toBe("198.51.100.1");
  });

  it("uses the socket's peer when the header is missing or the chosen entry is not an address", () => {
    expect(forwardedClientIp("10.0.0.254", undefined, 1)).toBe("10.0.0.254");
    expect(forwardedClientIp("10.0.0.254", "1.2.3.4, not-an-ip", 1)).toBe("10.0.0.254");
  });

  it("keeps IPv6 and reads IPv4-mapped IPv6 as the IPv4 address", () => {
    expect(forwardedClientIp("::ffff:127.0.0.1", undefined, 0)).toBe("127.0.0.1");
    expect(forwardedClientIp("::1", "2001:db8::5", 1)).toBe("2001:db8::5");
    expect(forwardedClientIp("::1", "::ffff:198.51.100.1", 1)).toBe("198.51.100.1");
  });

  it("answers `unknown` without a socket address", () => {
    expect(forwardedClientIp(undefined, "198.51.100.1", 0)).toBe("unknown");
  });
});

describe("CDP_TRUSTED_PROXY_HOPS", () => {
  it("defaults to 0 and accepts a small whole number", () => {
    expect(parseEnv({}).CDP_TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ CDP_TRUSTED_PROXY_HOPS: "2" }).CDP_TRUSTED_PROXY_HOPS).toBe(2);
  });

  it("refuses a negative or fractional count, naming the variable", () => {
    for (const bad of ["-1", "1.5", "many"]) {
      expect(() => parseEnv({ CDP_TRUSTED_PROXY_HOPS: bad })).toThrow(EnvError);
      expect(() => parseEnv({ CDP_TRUSTED_PROXY_HOPS: bad })).toThrow(/CDP_TRUSTED_PROXY_HOPS/);
    }
  });
});
