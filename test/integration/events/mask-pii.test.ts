import { describe, expect, it } from "vitest";
import { MASK, maskId, maskText, maskValue } from "@/server/events/mask-pii";

describe("masking personal data for roles without pii:read", () => {
  it("hides personal keys at any depth, and names only where they name a person", () => {
    const message = {
      type: "track",
      userId: "u-1",
      anonymousId: "a-1",
      traits: { email: "jane@example.com", first_name: "Jane", name: "Jane Doe", address: { city: "Oslo", street: "Main 1" }, plan: "pro" },
      context: { ip: "198.51.100.7", page: { title: "Checkout", url: "https://shop.example.com/checkout" } },
      properties: { products: [{ name: "Trail Runner Shoes", price: 119 }], coupon: "TRAIL10", phone: "+47 123" },
    };
    expect(maskValue(message)).toEqual({
      type: "track",
      userId: "u-1",
      anonymousId: "a-1",
      traits: { email: MASK, first_name: MASK, name: MASK, address: { city: MASK, street: MASK }, plan: "pro" },
      context: { ip: MASK, page: { title: "Checkout", url: "https://shop.example.com/checkout" } },
      properties: { products: [{ name: "Trail Runner Shoes", price: 119 }], coupon: "TRAIL10", phone: MASK },
    });
  });

  it("hides any value that looks like an email, whatever its key", () => {
    expect(maskValue({ properties: { invitee: "bob@example.org", note: "call bob" }, list: ["x@y.io", 3] })).toEqual({
      properties: { invitee: MASK, note: "call bob" },
      list: [MASK, 3],
    });
    expect(maskId("jane@example.com")).toBe(MASK);
    expect(maskId("u-123")).toBe("u-123");
    expect(maskId(null)).toBeNull();
  });

  it("hides emails inside text that is not JSON", () => {
    expect(maskText('{"type":"track","email":"jane@example.com"')).toBe(`{"type":"track","email":"${MASK}"`);
  });
});
