import { describe, expect, it } from "vitest";
import { uuidv7 } from "@/db/ids";

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millisOf = (id: string) => Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);

describe("uuidv7", () => {
  it("has the UUID format, version 7 and the RFC 9562 variant", () => {
    for (let i = 0; i < 200; i++) expect(uuidv7()).toMatch(FORMAT);
  });

  it("starts with the given time in milliseconds", () => {
    const now = Date.parse("2031-07-04T12:34:56.789Z");
    expect(millisOf(uuidv7(now))).toBe(now);
    expect(uuidv7(0).slice(0, 13)).toBe("00000000-0000");
    expect(millisOf(uuidv7(2 ** 48 - 1))).toBe(2 ** 48 - 1);
  });

  it("uses the current time by default", () => {
    const before = Date.now();
    const at = millisOf(uuidv7());
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it("sorts by time, as text", () => {
    const times = [1, 255, 256, 65_536, 2 ** 32, 2 ** 40 + 3, Date.now()];
    const ids = times.map((t) => uuidv7(t));
    expect([...ids].sort()).toEqual(ids);
    expect(uuidv7(1_700_000_000_001) > uuidv7(1_700_000_000_000)).toBe(true);
  });

  it("is unique within one millisecond", () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
