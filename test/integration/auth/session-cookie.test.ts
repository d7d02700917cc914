import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { useDatabase } from "@/server/database";
import { freshDatabase } from "../../helpers/test-db";
import { TEST_PASSWORD, seedWorkspace } from "../../helpers/fixtures";
import { cookiesOf, signInOverHttp } from "./sign-in-http";

let handle: DatabaseHandle;
let ownerEmail: string;
let viewerEmail: string;
beforeAll(async () => {
  handle = await freshDatabase();
  useDatabase(handle);
  const { members } = await seedWorkspace(handle.db, "Cookies");
  ownerEmail = members.owner.email;
  viewerEmail = members.viewer.email;
});
afterAll(() => handle.close());

describe("session cookie", () => {
  it("is HttpOnly and SameSite=Lax, and not Secure over plain http", async () => {
    const response = await signInOverHttp("http://localhost:3000", ownerEmail, TEST_PASSWORD);
    const session = cookiesOf(response).find((c) => c.startsWith("authjs.session-token="));
    expect(session).toBeDefined();
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/Secure/i);
  });

  it("is Secure (and __Secure- prefixed) under https", async () => {
    const response = await signInOverHttp("https://cdp.example.com", ownerEmail, TEST_PASSWORD);
    const session = cookiesOf(response).find((c) => c.startsWith("__Secure-authjs.session-token="));
    expect(session).toBeDefined();
    expect(session).toMatch(/;\s*Secure/i);
    expect(session).toMatch(/HttpOnly/i);
  });

  it("is not set for a wrong password", async () => {
    const response = await signInOverHttp("http://localhost:3000", ownerEmail, "wrong password!");
    expect(cookiesOf(response).some((c) => c.includes("session-token="))).toBe(false);
  });
});

describe("brute-force lock over HTTP", () => {
  it("after 10 failures the 11th attempt, even with the right password, is refused with the `locked` code", async () => {
    const ip = "10.9.9.9";
    for (let i = 0; i < 10; i++) {
      const failed = await signInOverHttp("http://localhost:3000", viewerEmail, `wrong-${i}-password`, ip);
      expect(new URL(failed.headers.get("location") ?? "", "http://x").searchParams.get("code")).toBe("credentials");
    }
    const refused = await signInOverHttp("http://localhost:3000", viewerEmail, TEST_PASSWORD, ip);
    expect(new URL(refused.headers.get("location") ?? "", "http://x").searchParams.get("code")).toBe("locked");
    expect(cookiesOf(refused).some((c) => c.includes("session-token="))).toBe(false);
  });
});
