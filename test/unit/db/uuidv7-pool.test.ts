import { describe, expect, it } from "vitest";
import { uuidv7 } from "@/db/ids";

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millisOf = (id: string) => Number.parseInt(id.replace(/-/g, "").slice(0, 12), 16);

describe("uuidv7 from a pool of random bytes", () => {
  it("has the UUID format, version 7 and the RFC 9562 variant, and the given time", () => {
    for (let i = 0; i < 500; i++) expect(uuidv7()).toMatch(FORMAT);
    const now = Date.parse("2031-07-04T12:34:56.789Z");
    expect(millisOf(uuidv7(now))).toBe(now);
    expect(uuidv7(0).slice(0, 13)).toBe("00000000-0000");
    expect(millisOf(uuidv7(2 ** 48 - 1))).toBe(2 ** 48 - 1);
  });

  it("never repeats across many refills of its random pool, and sorts by time", () => {
    const ids = Array.from({ length: 20_000 }, () => uuidv7(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    const times = [1, 255, 256, 65_536, 2 ** 32, 2 ** 40 + 3, Date.now()];
    const ordered = times.map((t) => uuidv7(t));
    expect([...ordered].sort()).toEqual(ordered);
  });
});
