import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { rows, type DatabaseHandle } from "@/db/client";
import { asDate, asNumber } from "@/server/segments/coerce-value";
import { dateOf, numberOf } from "@/server/segments/compile-condition-sql";
import { freshDatabase } from "../../helpers/test-db";

/**
 * The two readings of a stored value as a number or a date — coerce-value.ts in memory, numberOf/dateOf in
 * SQL — agree on text drawn from a grammar of near-misses (impossible days, hour 24, offsets without a colon,
 * too many digits, exponents), and the SQL side never errors on any of it.
 */
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await freshDatabase();
});
afterAll(() => handle.close());

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
const dateText = fc
  .record({
    year: fc.constantFrom("0999", "1000", "1970", "2024", "2026", "9999", "202"),
    month: two(13),
    day: two(32),
    time: fc.option(
      fc.record({
        sep: fc.constantFrom("T", "T", " ", "t"),
        hour: two(24),
        minute: two(60),
        second: fc.option(two(60), { nil: undefined }),
        fraction: fc.option(fc.stringMatching(/^[0-9]{1,4}$/), { nil: undefined }),
        zone: fc.constantFrom("", "Z", "+05:30", "-03:00", "+0530", "+24:00", "-00:45", "z"),
      }),
      { nil: undefined },
    ),
  })
  .map(({ year, month, day, time }) => {
    const date = `${year}-${month}-${day}`;
    if (!time) return date;
    const seconds = time.second === undefined ? "" : `:${time.second}${time.fraction ? `.${time.fraction}` : ""}`;
    return `${date}${time.sep}${time.hour}:${time.minute}${seconds}${time.zone}`;
  });
const numberText = fc.oneof(
  fc.stringMatching(/^-?[0-9]{1,17}(\.[0-9]{0,17})?$/),
  fc.stringMatching(/^[-+ ]?[0-9]{0,3}([.,][0-9]{0,3})?(e[+-]?[0-9]{1,3})?[ ]?$/),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);
const stored = fc.oneof(
  dateText,
  numberText,
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([1]),
);

describe("value coercion in SQL and in memory", () => {
  it("reads the same numbers and dates", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stored, { minLength: 50, maxLength: 200 }), async (values) => {
        const read = await rows<{ i: string; n: string | null; ms: string | null }>(
          handle.db,
          sql`SELECT x.i::text AS i, ${numberOf(sql`x.v`)}::text AS n,
                     (extract(epoch FROM ${dateOf(sql`x.v`)}) * 1000)::text AS ms
              FROM jsonb_array_elements(${JSON.stringify(values)}::jsonb) WITH ORDINALITY AS x(v, i) ORDER BY x.i`,
        );
        const stored = values.map((v) => JSON.parse(JSON.stringify(v)) as unknown);
        // -0 and 0 are the same number (toEqual alone would tell them apart).
        const same = (n: number | null) => (n === null ? null : n + 0);
        expect(read.map((r) => same(r.n === null ? null : Number(r.n)))).toEqual(stored.map((v) => same(asNumber(v))));
        expect(read.map((r) => same(r.ms === null ? null : Number(r.ms)))).toEqual(stored.map(asDate));
      }),
      { numRuns: 8 },
    );
  });

  it("accepts the documented forms", () => {
    // Sanity of the grammar above: it does produce valid dates and numbers, not only refusals.
    expect(asDate("2026-02-28T23:30")).not.toBeNull();
    expect(asNumber("-12.5")).toBe(-12.5);
  });
});
