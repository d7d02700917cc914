import { beforeEach, describe, expect, it } from "vitest";
import { resetRateLimits, takeRequestToken } from "@/server/ingestion/rate-limit";

beforeEach(() => resetRateLimits());

describe("takeRequestToken (token bucket per source)", () => {
  it("allows a second's worth at once, then refuses with the seconds to wait", () => {
    const t0 = 1_000;
    expect([0, 1, 2].map(() => takeRequestToken("s", 3, t0))).toEqual([0, 0, 0]);
    expect(takeRequestToken("s", 3, t0)).toBe(1);
  });

  it("refills continuously at the rate, never above one second's worth", () => {
    const t0 = 0;
    for (let i = 0; i < 10; i++) takeRequestToken("s", 10, t0);
    expect(takeRequestToken("s", 10, t0)).toBeGreaterThan(0);
    expect(takeRequestToken("s", 10, t0 + 100)).toBe(0); // 100 ms = one token at 10/s
    expect(takeRequestToken("s", 10, t0 + 100)).toBeGreaterThan(0);
    const later = t0 + 60_000;
    expect(
      Array.from({ length: 11 }, () => takeRequestToken("s", 10, later)).filter((wait) => wait === 0),
    ).toHaveLength(10);
  });

  it("asks slow sources to wait several seconds, and keeps sources apart", () => {
    expect(takeRequestToken("slow", 0.25, 0)).toBe(0); // the bucket holds at least one request
    expect(takeRequestToken("slow", 0.25, 0)).toBe(4); // one request per 4 s
    expect(takeRequestToken("other", 1, 0)).toBe(0);
  });
});
