import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/server/auth/password";

const PASSWORD = "correct horse battery";
let hash: string;
beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
});

/** The same hash with one character of the given field (by index in scrypt$N$r$p$salt$hash) changed. */
function tamper(stored: string, field: number): string {
  const parts = stored.split("$");
  const value = parts[field];
  parts[field] = (value[0] === "A" ? "B" : "A") + value.slice(1);
  return parts.join("$");
}

describe("password hashing", () => {
  it("stores scrypt$N$r$p$salt$hash, without the password", () => {
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain(PASSWORD);
  });

  it("salts each hash", async () => {
    const again = await hashPassword(PASSWORD);
    expect(again).not.toBe(hash);
    expect(await verifyPassword(PASSWORD, again)).toBe(true);
  });

  it("verifies the right password", async () => {
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
  });

  it("rejects a wrong password, including near misses", async () => {
    for (const wrong of ["wrong password", `${PASSWORD} `, PASSWORD.toUpperCase(), ""]) {
      expect(await verifyPassword(wrong, hash), JSON.stringify(wrong)).toBe(false);
    }
  });

  it("rejects a tampered hash or salt", async () => {
    expect(await verifyPassword(PASSWORD, tamper(hash, 5))).toBe(false);
    expect(await verifyPassword(PASSWORD, tamper(hash, 4))).toBe(false);
  });

  it("rejects a truncated hash and other schemes", async () => {
    expect(await verifyPassword(PASSWORD, hash.slice(0, -4))).toBe(false);
    expect(await verifyPassword(PASSWORD, hash.replace(/^scrypt/, "bcrypt"))).toBe(false);
    expect(await verifyPassword(PASSWORD, "scrypt$32768$8$1")).toBe(false);
    expect(await verifyPassword(PASSWORD, PASSWORD)).toBe(false);
  });

  it("normalizes Unicode (NFKC), so the same password typed differently still matches", async () => {
    const composed = await hashPassword("caf\u00e9 au lait");
    expect(await verifyPassword("cafe\u0301 au lait", composed)).toBe(true);
  });
});
