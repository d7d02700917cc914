import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/server/env";

/** The thrown EnvError's message (fails the test when nothing is thrown). */
function envErrorOf(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("parseEnv accepted an invalid environment");
}

describe("parseEnv", () => {
  it("fills in the defaults on an empty environment", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "0.0.0.0",
      DATABASE_POOL_SIZE: 16,
      CDP_DATA_DIR: ".data",
      CDP_DEMO: "true",
      CDP_TRUSTED_PROXY_HOPS: 0,
      CDP_HTTP_HEADERS_TIMEOUT_MS: 20_000,
      CDP_HTTP_REQUEST_TIMEOUT_MS: 120_000,
      CDP_STORAGE_TIMEOUT_MS: 5_000,
    });
  });

  it("treats empty strings as unset", () => {
    const parsed = parseEnv({ PORT: "", DATABASE_URL: "", AUTH_SECRET: "", CDP_DATA_DIR: "" });
    expect(parsed).toMatchObject({ PORT: 3000, CDP_DATA_DIR: ".data" });
    expect(parsed.DATABASE_URL).toBeUndefined();
    expect(parsed.AUTH_SECRET).toBeUndefined();
  });

  it("converts and keeps valid values", () => {
    const parsed = parseEnv({
      NODE_ENV: "production",
      PORT: "8080",
      DATABASE_URL: "postgresql://u:p@db:5432/cdp",
      DATABASE_POOL_SIZE: "25",
      AUTH_SECRET: "x".repeat(32),
      CDP_ADMIN_EMAIL: "admin@example.com",
    });
    expect(parsed).toMatchObject({
      NODE_ENV: "production",
      PORT: 8080,
      DATABASE_URL: "postgresql://u:p@db:5432/cdp",
      DATABASE_POOL_SIZE: 25,
    });
    expect(parseEnv({ DATABASE_URL: "postgres://localhost/cdp" }).DATABASE_URL).toBe("postgres://localhost/cdp");
  });

  it.each(["abc", "0", "65536", "80.5"])("names PORT when it is %j", (port) => {
    const message = envErrorOf({ PORT: port });
    expect(message).toMatch(/^\s*PORT: /m);
    expect(message).not.toMatch(/DATABASE_URL|AUTH_SECRET/);
  });

  it.each(["mysql://localhost/cdp", "localhost:5432", "http://db"])("names DATABASE_URL when it is %j", (url) => {
    const message = envErrorOf({ DATABASE_URL: url });
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(message).not.toMatch(/PORT/);
  });

  it("names AUTH_SECRET when it is shorter than 32 characters", () => {
    expect(envErrorOf({ AUTH_SECRET: "x".repeat(31) })).toMatch(/AUTH_SECRET: must be at least 32 characters/);
  });

  it("lists every bad variable at once", () => {
    const message = envErrorOf({ PORT: "nope", DATABASE_URL: "mysql://x", AUTH_SECRET: "short", NODE_ENV: "staging" });
    for (const name of ["PORT", "DATABASE_URL", "AUTH_SECRET", "NODE_ENV"]) expect(message).toContain(`${name}:`);
  });
});
