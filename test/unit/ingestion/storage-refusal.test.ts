import { describe, expect, it } from "vitest";
import { isDataError, refusalReason } from "@/server/ingestion/storage-refusal";

const err = (code: unknown, viaCause = false) =>
  viaCause
    ? Object.assign(new Error("wrapped"), { cause: { code } })
    : Object.assign(new Error("driver text with values"), { code });

describe("which database errors are the data's fault", () => {
  it("counts classes 22, 23 (but not the handled unique violation) and 54, also under cause", () => {
    for (const code of ["22021", "22P05", "22008", "23502", "23514", "54001"])
      expect(isDataError(err(code)), code).toBe(true);
    expect(isDataError(err("22023", true))).toBe(true);
  });

  it("treats outages, unknown errors and the unique violation as not the data's fault", () => {
    for (const code of ["23505", "08006", "57P01", "53100", "40001", "P0001", "ECONNREFUSED", undefined, 22021])
      expect(isDataError(err(code)), String(code)).toBe(false);
    expect(isDataError(new Error("no code"))).toBe(false);
    expect(isDataError(null)).toBe(false);
  });

  it("gives a reason for people with the SQLSTATE and never the driver's text", () => {
    expect(refusalReason(err("22021"))).toMatch(/cannot store a text of this event.*SQLSTATE 22021/);
    expect(refusalReason(err("22008"))).toMatch(/timestamp.*SQLSTATE 22008/);
    expect(refusalReason(err("54001"))).toMatch(/nested too deep.*SQLSTATE 54001/);
    expect(refusalReason(err("23514"))).toMatch(/constraint.*SQLSTATE 23514/);
    expect(refusalReason(err("22003"))).toBe("the database refused a value of this event (SQLSTATE 22003)");
    expect(refusalReason(err("22003"))).not.toContain("driver text");
  });
});
