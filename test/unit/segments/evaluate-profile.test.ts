import { describe, expect, it } from "vitest";
import { parseDefinition } from "@/server/segments/definition";
import { evaluateProfile } from "@/server/segments/evaluate-profile";
import { asDate, asNumber, valueAtPath } from "@/server/segments/coerce-value";
import { CASES, NOW, POPULATION } from "./operator-cases";

/** The in-memory evaluator, operator by operator, over the shared population (merged-away profiles aside). */
const live = POPULATION.filter((p) => !p.mergedInto);

describe("evaluateProfile", () => {
  it.each(CASES.map((c) => [c.title, c] as const))("%s", (_title, c) => {
    const definition = parseDefinition(c.definition);
    const members = live.filter((p) => evaluateProfile(definition, p.facts, NOW)).map((p) => p.name);
    expect(members).toEqual(c.members);
  });

  it("counts windows from the given now, not the clock", () => {
    const definition = parseDefinition({
      version: 1,
      root: "n",
      nodes: [
        {
          id: "n",
          type: "event",
          event: "Order Completed",
          performed: true,
          window: { kind: "last", amount: 1, unit: "days" },
        },
      ],
    });
    const facts = POPULATION.find((p) => p.name === "ben")!.facts; // one order, 100 days before NOW
    const orderedAt = new Date(NOW.getTime() - 100 * 86_400_000);
    expect(evaluateProfile(definition, facts, NOW)).toBe(false);
    expect(evaluateProfile(definition, facts, new Date(orderedAt.getTime() + 3_600_000))).toBe(true);
    // An event after `now` has not happened yet.
    expect(evaluateProfile(definition, facts, new Date(orderedAt.getTime() - 1))).toBe(false);
  });
});

describe("value reading", () => {
  it("reads numbers from JSON numbers and plain decimal text only", () => {
    expect([1.5, "-2.25", "007", "12345678901234.5"].map(asNumber)).toEqual([1.5, -2.25, 7, 12345678901234.5]);
    // Exponents, spaces, commas, too many digits, booleans are not numbers.
    expect(["1e3", " 7", "1,5", "1234567890123456", true, null, "", "."].map(asNumber)).toEqual(Array(8).fill(null));
  });

  it("reads ISO dates, UTC unless zoned, and refuses days that do not exist", () => {
    expect(asDate("2026-01-05")).toBe(Date.UTC(2026, 0, 5));
    expect(asDate("2026-01-05T10:30")).toBe(Date.UTC(2026, 0, 5, 10, 30));
    expect(asDate("2026-01-05T10:30:15.5+01:30")).toBe(Date.UTC(2026, 0, 5, 9, 0, 15, 500));
    expect(asDate("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
    for (const bad of [
      "2026-02-29",
      "2026-04-31",
      "0999-01-01",
      "2026-1-5",
      "2026-01-05T24:00",
      "2026-01-05 10:00",
      1767225600000,
    ])
      expect(asDate(bad)).toBeNull();
  });

  it("walks event paths as Postgres #> does", () => {
    const raw = { properties: { items: [{ price: 3 }], "0": "key", __proto__: { x: 1 } } };
    expect(valueAtPath(raw, "properties.items.0.price")).toBe(3);
    expect(valueAtPath(raw, "properties.0")).toBe("key");
    expect(valueAtPath(raw, "properties.items.price")).toBeUndefined();
    expect(valueAtPath(raw, "properties.items.0.price.deeper")).toBeUndefined();
    expect(valueAtPath(raw, "properties.x")).toBeUndefined();
  });
});
