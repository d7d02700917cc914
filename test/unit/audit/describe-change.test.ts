import { describe, expect, it } from "vitest";
import { describeChange, fieldLabel, formatValue } from "@/components/audit/describe-change";

describe("describeChange", () => {
  it("shows only the fields that changed, before → after", () => {
    expect(
      describeChange({ before: { role: "viewer", email: "a@x.test" }, after: { role: "admin", email: "a@x.test" } }),
    ).toEqual([{ field: "role", before: "viewer", after: "admin" }]);
  });

  it("lists a creation's values, and a deletion's", () => {
    expect(describeChange({ after: { name: "Website", type: "http" } })).toEqual([
      { field: "name", after: "Website" },
      { field: "type", after: "http" },
    ]);
    expect(describeChange({ before: { name: "Old" } })).toEqual([{ field: "name", before: "Old" }]);
  });

  it("names a field added or removed by the change", () => {
    expect(describeChange({ before: { enabled: true }, after: { enabled: false, rateLimitPerSecond: 50 } })).toEqual([
      { field: "enabled", before: "yes", after: "no" },
      { field: "rate limit per second", after: "50" },
    ]);
  });

  it("reads plain values and nothing at all", () => {
    expect(describeChange({ before: "a", after: "b" })).toEqual([{ field: null, before: "a", after: "b" }]);
    expect(describeChange({})).toEqual([]);
    expect(describeChange(null)).toEqual([]);
  });
});

describe("formatValue and fieldLabel", () => {
  it("writes none, yes/no, numbers, compact JSON, and shortens long values", () => {
    expect(formatValue(null)).toBe("none");
    expect(formatValue(false)).toBe("no");
    expect(formatValue(12.5)).toBe("12.5");
    expect(formatValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(formatValue("x".repeat(400))).toBe(`${"x".repeat(300)}…`);
  });
  it("turns keys into words", () => {
    expect(fieldLabel("rateLimitPerSecond")).toBe("rate limit per second");
    expect(fieldLabel("write_key")).toBe("write key");
  });
});
