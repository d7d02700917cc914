import { z } from "zod";

/**
 * The value conditions a segment compares with: on a golden-record trait, on an event property, or (numbers
 * only) on an aggregate. Client-safe zod, shared by both evaluators and by describeDefinition().
 *
 * Matching rule for every condition: it matches only a value of its own kind (see coerce-value.ts). A missing
 * value, a JSON null or a value of another kind matches nothing — not even not_equals, neq or not_in — except
 * `not_exists`, which matches exactly when `exists` does not.
 */

export const MAX_LIST_VALUES = 1_000;
export const MAX_TEXT_LENGTH = 1_000;
export const MAX_WINDOW_DAYS = 3_650;

const text = z
  .string("a text value")
  .max(MAX_TEXT_LENGTH, `a text value has at most ${MAX_TEXT_LENGTH.toLocaleString("en")} characters`);
const finite = z.number("a number").refine(Number.isFinite, "a finite number");
const caseInsensitive = z.boolean("true or false").optional();
/** An instant: ISO 8601 with a zone (…Z or ±hh:mm), as clients send timestamps. */
const instant = z.iso.datetime({ offset: true, message: "a date and time in ISO 8601, e.g. 2026-01-31T00:00:00Z" });
const days = z
  .number("a number of days")
  .int("a whole number of days")
  .min(1, "at least 1 day")
  .max(MAX_WINDOW_DAYS, `at most ${MAX_WINDOW_DAYS.toLocaleString("en")} days (10 years)`);

export const TEXT_COMPARISONS = ["equals", "not_equals", "contains", "starts_with", "ends_with"] as const;
export const textCondition = z.discriminatedUnion(
  "operator",
  [
    z.object({ kind: z.literal("text"), operator: z.enum(TEXT_COMPARISONS), value: text, caseInsensitive }),
    z.object({
      kind: z.literal("text"),
      operator: z.enum(["in", "not_in"]),
      values: z
        .array(text)
        .min(1, "at least one value")
        .max(MAX_LIST_VALUES, `at most ${MAX_LIST_VALUES.toLocaleString("en")} values`),
      caseInsensitive,
    }),
    /** Whether there is a value at all (of any kind, not null): the one pair that looks at missing values. */
    z.object({ kind: z.literal("text"), operator: z.enum(["exists", "not_exists"]) }),
  ],
  {
    error: `a text operator: one of ${[...TEXT_COMPARISONS, "in", "not_in", "exists", "not_exists"].join(", ")}`,
  },
);

export const NUMBER_COMPARISONS = ["eq", "neq", "lt", "lte", "gt", "gte"] as const;
export const numberCondition = z.discriminatedUnion(
  "operator",
  [
    z.object({ kind: z.literal("number"), operator: z.enum(NUMBER_COMPARISONS), value: finite }),
    /** Inclusive at both ends. */
    z
      .object({ kind: z.literal("number"), operator: z.literal("between"), min: finite, max: finite })
      .refine((c) => c.min <= c.max, { message: "min is at most max", path: ["max"] }),
  ],
  { error: `a number operator: one of ${[...NUMBER_COMPARISONS, "between"].join(", ")}` },
);

export const booleanCondition = z.object({
  kind: z.literal("boolean"),
  operator: z.literal("is", "the boolean operator is `is`"),
  value: z.boolean("true or false"),
});

export const dateCondition = z.discriminatedUnion(
  "operator",
  [
    /** Strictly before / after the instant. */
    z.object({ kind: z.literal("date"), operator: z.enum(["before", "after"]), value: instant }),
    /** within_last_days: now − days ≤ value ≤ now; more_than_days_ago: value < now − days. */
    z.object({ kind: z.literal("date"), operator: z.enum(["within_last_days", "more_than_days_ago"]), days }),
  ],
  { error: "a date operator: one of before, after, within_last_days, more_than_days_ago" },
);

/** A JSON array holding an element equal to the value (same JSON kind; text optionally in any case). */
export const listCondition = z.object({
  kind: z.literal("list"),
  operator: z.literal("contains", "the list operator is `contains`"),
  value: z.union([text, finite, z.boolean()], "a text, number or boolean value"),
  caseInsensitive,
});

export const conditionSchema = z.discriminatedUnion(
  "kind",
  [textCondition, numberCondition, booleanCondition, dateCondition, listCondition],
  { error: "a condition kind: one of text, number, boolean, date, list" },
);

export type TextCondition = z.infer<typeof textCondition>;
export type NumberCondition = z.infer<typeof numberCondition>;
export type DateCondition = z.infer<typeof dateCondition>;
export type Condition = z.infer<typeof conditionSchema>;

/**
 * A path into an event as sent: properties, context or traits, then keys joined by dots (an array element by
 * its index: properties.items.0.price). Keys are letters, digits, _ $ - and spaces, starting with a letter, _ or $.
 */
export const eventPath = z
  .string("a path such as properties.total")
  .max(200, "a path has at most 200 characters")
  .regex(
    /^(properties|context|traits)(\.([A-Za-z_$][A-Za-z0-9_$ -]*|0|[1-9][0-9]{0,5}))+$/,
    "a path such as properties.product.category: properties, context or traits, then keys joined by dots",
  );

export const propertyFilter = z.object({ path: eventPath, condition: conditionSchema });
export type PropertyFilter = z.infer<typeof propertyFilter>;

/** Which events count, by their timestamp; every window ends at `now` (later events never count). */
export const windowSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("ever") }),
    /** now − amount ≤ timestamp ≤ now. */
    z
      .object({
        kind: z.literal("last"),
        amount: z.number("a number").int("a whole number").min(1, "at least 1"),
        unit: z.enum(["days", "hours"], "days or hours"),
      })
      .refine((w) => (w.unit === "days" ? w.amount : w.amount / 24) <= MAX_WINDOW_DAYS, {
        message: `a window of at most ${MAX_WINDOW_DAYS.toLocaleString("en")} days`,
        path: ["amount"],
      }),
    /** from ≤ timestamp < to (and ≤ now). */
    z
      .object({ kind: z.literal("between"), from: instant, to: instant })
      .refine((w) => Date.parse(w.from) < Date.parse(w.to), { message: "from is before to", path: ["to"] })
      .refine((w) => Date.parse(w.to) - Date.parse(w.from) <= MAX_WINDOW_DAYS * 86_400_000, {
        message: `a window of at most ${MAX_WINDOW_DAYS.toLocaleString("en")} days`,
        path: ["to"],
      }),
  ],
  { error: "a window kind: one of ever, last, between" },
);
export type Window = z.infer<typeof windowSchema>;

/** The window as instants relative to `now` (from inclusive, null = no lower bound; to exclusive or ≤ now). */
export function windowBounds(window: Window, now: Date): { from: Date | null; to: Date | null } {
  switch (window.kind) {
    case "ever":
      return { from: null, to: null };
    case "last":
      return {
        from: new Date(now.getTime() - window.amount * (window.unit === "days" ? 86_400_000 : 3_600_000)),
        to: null,
      };
    case "between":
      return { from: new Date(window.from), to: new Date(window.to) };
    default:
      return assertNever(window);
  }
}

/** The exhaustive-switch guard: a new node or condition kind is a compile error until every evaluator handles it. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled segment definition part: ${JSON.stringify(value)}`);
}
