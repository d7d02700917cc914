import { assertNever, type Condition, type NumberCondition, type PropertyFilter, type Window } from "./conditions";
import type { Definition, SegmentNode } from "./definition";

/**
 * A definition in plain words, for lists, audit entries and the builder's summary:
 * "People who performed Order Completed at least 2 times in the last 30 days and whose plan is pro".
 * Nested groups are put in parentheses; user values are quoted only where a bare word would read wrongly.
 */
export function describeDefinition(definition: Definition): string {
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const say = (node: SegmentNode, nested: boolean): string => {
    switch (node.type) {
      case "group": {
        const parts = node.children.map((id) => say(byId.get(id)!, true));
        if (node.op === "not") return `not (${parts[0]})`;
        const joined = parts.join(node.op === "and" ? " and " : " or ");
        return nested && parts.length > 1 ? `(${joined})` : joined;
      }
      case "trait":
        return traitPhrase(node.trait, node.condition);
      case "identifier":
        return node.present
          ? `who have ${article(node.identifier)} ${words(node.identifier)}`
          : `who have no ${words(node.identifier)}`;
      case "event": {
        const what = `${eventName(node)}${filtersPhrase(node.filters)}`;
        // "at most 0" and "exactly 0" times are "not once".
        if (!node.performed || (node.count?.value === 0 && node.count.operator !== "at_least"))
          return `who did not perform ${what}${windowPhrase(node.window)}`;
        return `who performed ${what}${countPhrase(node.count)}${windowPhrase(node.window)}`;
      }
      case "event_aggregate": {
        const fn = { sum: "total", avg: "average", min: "lowest", max: "highest" }[node.aggregate];
        return `whose ${fn} ${node.path} over ${eventName(node)}${filtersPhrase(node.filters)}${windowPhrase(node.window)} ${numberPhrase(node.compare)}`;
      }
      default:
        return assertNever(node);
    }
  };
  return `People ${say(byId.get(definition.root)!, false)}`;
}

const words = (identifier: string) => identifier.replace(/_/g, " ").replace(/\bid\b/, "ID");
const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");
/** Quoted when bare it would blur into the sentence: empty, padded, or holding , " ( ) or the words and / or. */
const quote = (text: string) =>
  text === "" || text.trim() !== text || /[,"()]|\b(and|or)\b/i.test(text) ? JSON.stringify(text) : text;

function eventName(node: { eventType: string; event: string }) {
  if (node.eventType === "page") return `a page view of ${quote(node.event)}`;
  if (node.eventType === "screen") return `a screen view of ${quote(node.event)}`;
  return quote(node.event);
}

function countPhrase(count: { operator: "at_least" | "at_most" | "exactly"; value: number } | undefined) {
  if (!count || (count.operator === "at_least" && count.value === 1)) return "";
  const times = `${count.value.toLocaleString("en")} ${count.value === 1 ? "time" : "times"}`;
  if (count.operator === "at_least") return ` at least ${times}`;
  if (count.operator === "at_most") return ` at most ${times} (or never)`;
  return ` exactly ${times}`;
}

function windowPhrase(window: Window) {
  switch (window.kind) {
    case "ever":
      return "";
    case "last":
      return window.amount === 1
        ? ` in the last ${window.unit === "days" ? "day" : "hour"}`
        : ` in the last ${window.amount.toLocaleString("en")} ${window.unit}`;
    case "between":
      return ` between ${window.from} and ${window.to}`;
    default:
      return assertNever(window);
  }
}

function filtersPhrase(filters: PropertyFilter[]) {
  if (!filters.length) return "";
  return ` where ${filters.map((f) => `${f.path} ${conditionPhrase(f.condition)}`).join(" and ")}`;
}

function traitPhrase(trait: string, condition: Condition) {
  if (condition.kind === "text" && condition.operator === "exists") return `who have ${article(trait)} ${trait}`;
  if (condition.kind === "text" && condition.operator === "not_exists") return `who have no ${trait}`;
  return `whose ${trait} ${conditionPhrase(condition)}`;
}

/** "is pro", "is more than 3", "contains vip (any case)". */
function conditionPhrase(c: Condition): string {
  const anyCase = "caseInsensitive" in c && c.caseInsensitive ? " (any case)" : "";
  switch (c.kind) {
    case "text":
      switch (c.operator) {
        case "equals":
          return `is ${quote(c.value)}${anyCase}`;
        case "not_equals":
          return `is not ${quote(c.value)}${anyCase}`;
        case "contains":
          return `contains ${quote(c.value)}${anyCase}`;
        case "starts_with":
          return `starts with ${quote(c.value)}${anyCase}`;
        case "ends_with":
          return `ends with ${quote(c.value)}${anyCase}`;
        case "in":
          return `is one of ${listed(c.values)}${anyCase}`;
        case "not_in":
          return `is none of ${listed(c.values)}${anyCase}`;
        case "exists":
          return "has a value";
        case "not_exists":
          return "has no value";
        default:
          return assertNever(c);
      }
    case "number":
      return numberPhrase(c);
    case "boolean":
      return `is ${c.value}`;
    case "date":
      switch (c.operator) {
        case "before":
          return `is before ${c.value}`;
        case "after":
          return `is after ${c.value}`;
        case "within_last_days":
          return `is within the last ${c.days.toLocaleString("en")} ${c.days === 1 ? "day" : "days"}`;
        case "more_than_days_ago":
          return `is more than ${c.days.toLocaleString("en")} ${c.days === 1 ? "day" : "days"} ago`;
        default:
          return assertNever(c);
      }
    case "list":
      return `include ${typeof c.value === "string" ? quote(c.value) : String(c.value)}${anyCase}`;
    default:
      return assertNever(c);
  }
}

function numberPhrase(c: NumberCondition) {
  const n = (x: number) => x.toLocaleString("en", { maximumFractionDigits: 20 });
  switch (c.operator) {
    case "eq":
      return `is ${n(c.value)}`;
    case "neq":
      return `is not ${n(c.value)}`;
    case "lt":
      return `is less than ${n(c.value)}`;
    case "lte":
      return `is at most ${n(c.value)}`;
    case "gt":
      return `is more than ${n(c.value)}`;
    case "gte":
      return `is at least ${n(c.value)}`;
    case "between":
      return `is between ${n(c.min)} and ${n(c.max)}`;
    default:
      return assertNever(c);
  }
}

function listed(values: string[]) {
  const shown = values.slice(0, 5).map(quote).join(", ");
  return values.length > 5 ? `${shown} and ${values.length - 5} more` : shown;
}
