import { assertNever, windowBounds, type NumberCondition, type PropertyFilter, type Window } from "./conditions";
import { asNumber, valueAtPath } from "./coerce-value";
import type { Definition, SegmentNode } from "./definition";
import { addDecimal, decimalOf, matchDecimal } from "./exact-decimal";
import { matchCondition, matchNumber } from "./match-condition";

/** What the in-memory evaluator needs of one live profile: its golden record, identifiers and timeline. */
export interface ProfileFacts {
  /** profile_traits: name → stored JSON value. */
  traits: Record<string, unknown>;
  identities: { type: string; value: string }[];
  /** The profile's events (profile_events.timestamp, and the event row's type, name and raw message). */
  events: { type: string; event: string | null; timestamp: Date | string; raw: unknown }[];
}

/**
 * Whether one profile is a member of a segment at `now` — the same semantics as compile-sql.ts, for when the
 * facts are already in memory (a profile's page, a real-time check after an event). Events after `now` never
 * count. The definition must come from parseDefinition().
 */
export function evaluateProfile(definition: Definition, profile: ProfileFacts, now: Date): boolean {
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const events = profile.events.map((e) => ({ ...e, at: new Date(e.timestamp).getTime() }));
  const selected = (node: { eventType: string; event: string; filters: PropertyFilter[]; window: Window }) => {
    const { from, to } = windowBounds(node.window, now);
    return events.filter(
      (e) =>
        e.type === node.eventType &&
        e.event === node.event &&
        e.at <= now.getTime() &&
        (from === null || e.at >= from.getTime()) &&
        (to === null || e.at < to.getTime()) &&
        node.filters.every((f) => matchCondition(f.condition, valueAtPath(e.raw, f.path), now)),
    );
  };

  const evaluate = (node: SegmentNode): boolean => {
    switch (node.type) {
      case "group": {
        const children = node.children.map((id) => byId.get(id)!);
        if (node.op === "and") return children.every(evaluate);
        if (node.op === "or") return children.some(evaluate);
        return !evaluate(children[0]);
      }
      case "trait":
        return matchCondition(
          node.condition,
          Object.hasOwn(profile.traits, node.trait) ? profile.traits[node.trait] : undefined,
          now,
        );
      case "identifier":
        return profile.identities.some((i) => i.type === node.identifier) === node.present;
      case "event": {
        const count = selected(node).length;
        if (!node.performed) return count === 0;
        const { operator, value } = node.count ?? { operator: "at_least", value: 1 };
        if (operator === "at_least") return count >= value;
        if (operator === "at_most") return count <= value;
        return count === value;
      }
      case "event_aggregate": {
        const values = selected(node)
          .map((e) => asNumber(valueAtPath(e.raw, node.path)))
          .filter((n): n is number => n !== null);
        return matchAggregate(node.aggregate, node.compare, values);
      }
      default:
        return assertNever(node);
    }
  };
  return evaluate(byId.get(definition.root)!);
}

/**
 * sum and avg are exact decimals (as Postgres' numeric sums them); an average is compared as sum against
 * threshold × count. min and max need no arithmetic. No values: sum is 0, the others match nothing.
 */
function matchAggregate(fn: "sum" | "avg" | "min" | "max", c: NumberCondition, values: number[]): boolean {
  switch (fn) {
    case "sum":
    case "avg": {
      const sum = values.map(decimalOf).reduce(addDecimal, { digits: 0n, scale: 0 });
      if (fn === "sum") return matchDecimal(c, sum);
      return values.length > 0 && matchDecimal(c, sum, BigInt(values.length));
    }
    case "min":
      return (
        values.length > 0 &&
        matchNumber(
          c,
          values.reduce((a, b) => Math.min(a, b)),
        )
      );
    case "max":
      return (
        values.length > 0 &&
        matchNumber(
          c,
          values.reduce((a, b) => Math.max(a, b)),
        )
      );
    default:
      return assertNever(fn);
  }
}
