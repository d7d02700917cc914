import { describe, expect, it } from "vitest";
import { coerceCell, parseTimestamp } from "@/server/imports/cell-values";

describe("cell values", () => {
  it("reads unambiguous numbers and booleans, and leaves ids, zip codes and phone numbers as text", () => {
    expect(["42", "-7", "3.14", "0", "0.5", "TRUE", "false"].map(coerceCell)).toEqual([
      42,
      -7,
      3.14,
      0,
      0.5,
      true,
      false,
    ]);
    expect(["007", "+4930123", "1e5", "12345678901234567", "1,5", "", " 4"].map(coerceCell)).toEqual([
      "007",
      "+4930123",
      "1e5",
      "12345678901234567",
      "1,5",
      "",
      " 4",
    ]);
  });

  it("reads ISO-8601 timestamps as UTC unless they carry an offset", () => {
    expect(parseTimestamp("2024-03-01T10:00:00Z")?.toISOString()).toBe("2024-03-01T10:00:00.000Z");
    expect(parseTimestamp("2024-03-01 10:00:00")?.toISOString()).toBe("2024-03-01T10:00:00.000Z");
    expect(parseTimestamp("2024-03-01T10:00:00+0200")?.toISOString()).toBe("2024-03-01T08:00:00.000Z");
    expect(parseTimestamp("2024-03-01T10:00+02:00")?.toISOString()).toBe("2024-03-01T08:00:00.000Z");
    expect(parseTimestamp("2024-03-01")?.toISOString()).toBe("2024-03-01T00:00:00.000Z");
  });

  it("reads Unix seconds and milliseconds", () => {
    expect(parseTimestamp("1709287200")?.toISOString()).toBe("2024-03-01T10:00:00.000Z");
    expect(parseTimestamp(1709287200123)?.toISOString()).toBe("2024-03-01T10:00:00.123Z");
  });

  it("refuses everything else, and dates out of range", () => {
    for (const bad of ["03/01/2024", "yesterday", "2024-13-01", "2024-02-30T25:00:00Z", "", true, "1800-01-01"])
      expect(parseTimestamp(bad), String(bad)).toBeNull();
  });
});
