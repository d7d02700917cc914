import {
  assertNever,
  type Condition,
  type DateCondition,
  type NumberCondition,
  type TextCondition,
} from "./conditions";
import { asBoolean, asDate, asNumber, foldCase, isPresent } from "./coerce-value";

/**
 * Whether one value (a trait's, or an event property's; undefined = missing) meets a condition, in memory.
 * compile-condition-sql.ts is the same function in SQL: a condition matches only a value of its own kind, so a
 * missing, null or other-kind value matches nothing except not_exists.
 */
export function matchCondition(condition: Condition, value: unknown, now: Date): boolean {
  switch (condition.kind) {
    case "text":
      return matchText(condition, value);
    case "number": {
      const n = asNumber(value);
      return n !== null && matchNumber(condition, n);
    }
    case "boolean":
      return asBoolean(value) === condition.value;
    case "date": {
      const d = asDate(value);
      return d !== null && matchDate(condition, d, now);
    }
    case "list": {
      if (!Array.isArray(value)) return false;
      const wanted = condition.value;
      if (typeof wanted === "string") {
        const fold = folder(condition.caseInsensitive);
        return value.some((e) => typeof e === "string" && fold(e) === fold(wanted));
      }
      return value.some((e) => e === wanted);
    }
    default:
      return assertNever(condition);
  }
}

const folder = (caseInsensitive: boolean | undefined) => (caseInsensitive ? foldCase : (s: string) => s);

function matchText(c: TextCondition, value: unknown): boolean {
  switch (c.operator) {
    case "exists":
      return isPresent(value);
    case "not_exists":
      return !isPresent(value);
    case "in":
    case "not_in": {
      if (typeof value !== "string") return false;
      const fold = folder(c.caseInsensitive);
      const found = c.values.some((x) => fold(x) === fold(value));
      return c.operator === "in" ? found : !found;
    }
    default:
      return typeof value === "string" && matchTextComparison(c, value);
  }
}

function matchTextComparison(c: Extract<TextCondition, { value: string }>, value: string): boolean {
  const fold = folder(c.caseInsensitive);
  const [v, x] = [fold(value), fold(c.value)];
  switch (c.operator) {
    case "equals":
      return v === x;
    case "not_equals":
      return v !== x;
    case "contains":
      return v.includes(x);
    case "starts_with":
      return v.startsWith(x);
    case "ends_with":
      return v.endsWith(x);
    default:
      return assertNever(c.operator);
  }
}

/** A number condition against a number (a trait's, a property's or an aggregate's). */
export function matchNumber(c: NumberCondition, n: number): boolean {
  switch (c.operator) {
    case "eq":
      return n === c.value;
    case "neq":
      return n !== c.value;
    case "lt":
      return n < c.value;
    case "lte":
      return n <= c.value;
    case "gt":
      return n > c.value;
    case "gte":
      return n >= c.value;
    case "between":
      return c.min <= n && n <= c.max;
    default:
      return assertNever(c);
  }
}

function matchDate(c: DateCondition, at: number, now: Date): boolean {
  switch (c.operator) {
    case "before":
      return at < Date.parse(c.value);
    case "after":
      return at > Date.parse(c.value);
    case "within_last_days":
      return now.getTime() - c.days * 86_400_000 <= at && at <= now.getTime();
    case "more_than_days_ago":
      return at < now.getTime() - c.days * 86_400_000;
    default:
      return assertNever(c);
  }
}
