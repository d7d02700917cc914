import { describe, expect, it } from "vitest";
import { ROLES, can } from "@/server/auth/permissions";
import { maskId, maskLine, maskText, maskValue } from "@/server/privacy/mask-pii";
import { MASKS, findPii, isPersonalKey } from "@/server/privacy/pii-policy";
import { assertMaySearch, privacyFor } from "@/server/privacy/privacy";

const { email: E, phone: P, ip: I, value: V } = MASKS;

describe("personal keys", () => {
  it("matches keys without case or separators, and keys ending in a personal one", () => {
    for (const key of [
      "email",
      "Email",
      "e-mail",
      "phone_number",
      "phoneNumber",
      "Phone Number",
      "mobile",
      "first_name",
      "LastName",
      "street",
      "ip",
      "billing_email",
      "workPhone",
      "shippingAddress",
      "customerName",
      "zip_code",
    ]) {
      expect(isPersonalKey(key, null), key).toBe(true);
    }
    for (const key of ["plan", "price", "coupon", "productName", "page_name", "title", "url", "emailed", "phoneless"])
      expect(isPersonalKey(key, null), key).toBe(false);
  });

  it("counts `name` as personal only where it names a person", () => {
    expect(isPersonalKey("name", "traits")).toBe(true);
    expect(isPersonalKey("name", "user")).toBe(true);
    expect(isPersonalKey("name", "products")).toBe(false);
    expect(isPersonalKey("name", null)).toBe(false);
  });
});

describe("personal values by their shape", () => {
  it("finds emails, phone numbers and IP addresses inside text", () => {
    const text =
      "mail jane.doe+x@example.co.uk or call +47 912 34 567 / (555) 123-4567 from 198.51.100.7 or 2001:db8::1";
    expect(findPii(text).map((f) => [f.kind, text.slice(f.start, f.end)])).toEqual([
      ["email", "jane.doe+x@example.co.uk"],
      ["phone", "+47 912 34 567"],
      ["phone", "(555) 123-4567"],
      ["ip", "198.51.100.7"],
      ["ip", "2001:db8::1"],
    ]);
  });

  it("leaves dates, times, versions, prices, ids and plain numbers alone", () => {
    for (const text of [
      "2024-05-01",
      "2024-05-01T10:00:00.000Z",
      "10:00:00",
      "v1.2.3",
      "119.90",
      "1714557600",
      "order 12345",
      "0190f3c2-7b1e-7aaa-8c1d-0a1b2c3d4e5f",
      "TRAIL10",
      "999.1.2.3",
      "2024-05-01 10:00:00.123+00",
      "30 000 000",
      "ISBN 978-3-16-148410-0",
      "Sat, 01 Jun 2025 09:00:00 GMT",
    ]) {
      expect(findPii(text), text).toEqual([]);
    }
  });

  it("masks inside text, keeping the words around", () => {
    expect(maskText("Invite sent to bob@example.org at 10:00")).toBe(`Invite sent to ${E} at 10:00`);
    expect(maskText("call 1 555 123 4567 or +47 912 345 678")).toBe(`call ${P} or ${P}`);
    expect(maskText('{"type":"track","email":"jane@example.com"')).toBe(`{"type":"track","email":"${E}"`);
  });
});

describe("maskValue", () => {
  it("masks personal keys (their whole subtree, numbers too) and personal values anywhere, keeping the shape", () => {
    const message = {
      type: "track",
      userId: "jane@example.com",
      anonymousId: "a-1",
      traits: {
        email: "jane@example.com",
        first_name: "Jane",
        name: "Jane Doe",
        address: { city: "Oslo", street: "Main 1", floor: 3 },
        plan: "pro",
        vip: true,
      },
      context: {
        ip: "198.51.100.7",
        userAgent: "Mozilla/5.0",
        page: { title: "Checkout", url: "https://shop.example.com/checkout" },
      },
      properties: {
        products: [{ name: "Trail Runner Shoes", price: 119 }],
        phone_number: 4791234567,
        contact: { mobile: "+47 912 34 567", note: "ring +1 555 123 4567 after 5" },
        invitees: ["bob@example.org", 3],
        "carl@example.net": "accepted",
      },
    };
    expect(maskValue(message)).toEqual({
      type: "track",
      userId: E,
      anonymousId: "a-1",
      traits: { email: V, first_name: V, name: V, address: { city: V, street: V, floor: V }, plan: "pro", vip: true },
      context: {
        ip: V,
        userAgent: "Mozilla/5.0",
        page: { title: "Checkout", url: "https://shop.example.com/checkout" },
      },
      properties: {
        products: [{ name: "Trail Runner Shoes", price: 119 }],
        phone_number: V,
        contact: { mobile: V, note: `ring ${P} after 5` },
        invitees: [E, 3],
        [E]: "accepted",
      },
    });
  });

  it("keeps two keys apart when both mask to the same text", () => {
    expect(Object.keys(maskValue({ "a@x.io": 1, "b@x.io": 2 }) as object)).toEqual([E, `${E} (2)`]);
  });

  it("masks ids that are emails, phones or IPs, and no other", () => {
    expect(maskId("jane@example.com")).toBe(E);
    expect(maskId("+4791234567")).toBe(P);
    expect(maskId("10.0.0.1")).toBe(I);
    expect(maskId("u-123")).toBe("u-123");
    expect(maskId(null)).toBeNull();
  });
});

describe("maskLine (an uploaded file's row)", () => {
  it("masks a JSON row by key and shape, a CSV row by shape, and a broken JSON row as text", () => {
    expect(maskLine('{"id":"u-1","first_name":"Jane","contact":"jane@example.com","n":3}')).toBe(
      `{"id":"u-1","first_name":"${V}","contact":"${E}","n":3}`,
    );
    expect(maskLine("u-5,eve@example.com,+47 912 34 567,pro")).toBe(`u-5,${E},${P},pro`);
    expect(maskLine('{"email":"eve@example.com"')).toBe(`{"email":"${E}"`);
  });
});

describe("roles", () => {
  it.each(ROLES)("%s reads as stored exactly when it holds pii:read", (role) => {
    const privacy = privacyFor(role);
    expect(privacy.readsPii).toBe(can(role, "pii:read"));
    expect(privacy.id("jane@example.com")).toBe(can(role, "pii:read") ? "jane@example.com" : E);
  });

  it("refuses a search by a personal value without pii:read, naming the filter and the kind of value", () => {
    expect(() => assertMaySearch("viewer", "user", "jane@example.com")).toThrow(
      /viewer.*user filter holds an email address.*pii:read/,
    );
    expect(() => assertMaySearch("viewer", "user", "+47 912 34 567")).toThrow(/a phone number/);
    expect(() => assertMaySearch("viewer", "user", "u-123")).not.toThrow();
    expect(() => assertMaySearch("analyst", "user", "jane@example.com")).not.toThrow();
    expect(() => assertMaySearch("viewer", "user", undefined)).not.toThrow();
  });
});
