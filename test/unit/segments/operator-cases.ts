import type { Condition, NumberCondition, PropertyFilter, Window } from "@/server/segments/conditions";
import type { DefinitionInput } from "@/server/segments/definition";
import type { ProfileFacts } from "@/server/segments/evaluate-profile";

/**
 * One small population and, per operator, a definition with the members it must select at NOW. The unit test
 * runs them through evaluate-profile, the integration test through compile-sql on a database holding the same
 * facts: the two evaluators are held to the same table.
 */
export const NOW = new Date("2026-03-01T12:00:00.000Z");
const ago = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
const days = (n: number) => ago(n * 24);

type Event = ProfileFacts["events"][number];
const track = (event: string, at: string, properties: Record<string, unknown>): Event => ({
  type: "track",
  event,
  timestamp: at,
  raw: { type: "track", event, properties, timestamp: at },
});
const page = (name: string, at: string): Event => ({
  type: "page",
  event: name,
  timestamp: at,
  raw: { type: "page", name, properties: {}, timestamp: at },
});

export interface FixtureProfile {
  name: string;
  facts: ProfileFacts;
  /** A merged-away profile: it holds facts here to prove it is never listed. */
  mergedInto?: string;
}

export const POPULATION: FixtureProfile[] = [
  {
    name: "ana",
    facts: {
      traits: {
        plan: "pro",
        name: "Ana Lima",
        age: 34,
        score: "12.5",
        vip: true,
        newsletter: "false",
        signed_up: "2026-02-20T08:00:00Z",
        birthday: "1990-02-28",
        tags: ["vip", "Beta", 3, true],
        nickname: null,
      },
      identities: [
        { type: "email", value: "ana@example.com" },
        { type: "user_id", value: "ana" },
      ],
      events: [
        track("Order Completed", days(2), { total: 30, product: { category: "Shoes" }, items: [{ price: 10 }] }),
        track("Order Completed", days(10), { total: 70, product: { category: "shoes" }, coupon: null }),
        track("Order Completed", days(40), { total: "n/a" }),
        page("Pricing", days(1)),
      ],
    },
  },
  {
    name: "ben",
    facts: {
      traits: {
        plan: "PRO",
        name: "Ben Ode",
        age: "41",
        score: "abc",
        vip: "true",
        signed_up: "2026-02-30",
        birthday: "2001-03-01T00:00:00+02:00",
        tags: "vip",
        city: "ΟΔΟΣ ÉCOLE",
      },
      identities: [{ type: "phone", value: "+15550001" }],
      events: [track("Order Completed", days(100), { total: 500, product: { category: "Books" } })],
    },
  },
  {
    name: "cy",
    facts: {
      traits: { plan: "free", name: "Cy", age: 17, signed_up: "2025-06-01", tags: [], city: "İSTANBUL" },
      identities: [{ type: "anonymous_id", value: "anon-cy" }],
      events: [
        track("Order Completed", ago(3), { total: "15" }),
        track("Order Completed", ago(30), { total: 5 }),
        page("Home", ago(2)),
        track("Refund Issued", days(5), { amount: 0.1 }),
        track("Refund Issued", days(6), { amount: 0.2 }),
      ],
    },
  },
  { name: "dee", facts: { traits: {}, identities: [], events: [] } },
  {
    name: "eve",
    facts: {
      traits: { plan: 5, age: true, signed_up: 1767225600000, vip: null },
      identities: [{ type: "email", value: "eve@example.com" }],
      events: [
        // After NOW: never counts.
        track("Order Completed", new Date(NOW.getTime() + 86_400_000).toISOString(), { total: 1000 }),
        // Event names are exact.
        track("order completed", days(1), { total: 1000 }),
      ],
    },
  },
  {
    name: "old",
    mergedInto: "ana",
    facts: {
      traits: { plan: "pro" },
      identities: [],
      events: [track("Order Completed", days(1), { total: 30 })],
    },
  },
];

export interface OperatorCase {
  title: string;
  definition: DefinitionInput;
  members: string[];
}

const single = (node: Record<string, unknown>): DefinitionInput =>
  ({ version: 1, root: "n", nodes: [{ id: "n", ...node }] }) as DefinitionInput;
const trait = (name: string, condition: Condition) => single({ type: "trait", trait: name, condition });
const performed = (
  event: string,
  extra: { window?: Window; filters?: PropertyFilter[]; count?: unknown; eventType?: string } = {},
) => single({ type: "event", event, performed: true, ...extra });
const aggregate = (fn: string, compare: unknown, window: Window = { kind: "ever" }) =>
  single({
    type: "event_aggregate",
    event: "Order Completed",
    aggregate: fn,
    path: "properties.total",
    compare,
    window,
  });
const last = (amount: number, unit: "days" | "hours" = "days"): Window => ({ kind: "last", amount, unit });

const text = (operator: string, value: string, caseInsensitive?: boolean) =>
  ({ kind: "text", operator, value, caseInsensitive }) as Condition;
const num = (operator: string, value: number) => ({ kind: "number", operator, value }) as NumberCondition;

export const CASES: OperatorCase[] = [
  // text
  { title: "text equals", definition: trait("plan", text("equals", "pro")), members: ["ana"] },
  { title: "text equals, any case", definition: trait("plan", text("equals", "pro", true)), members: ["ana", "ben"] },
  {
    title: "text not_equals skips missing and non-text values",
    definition: trait("plan", text("not_equals", "pro")),
    members: ["ben", "cy"],
  },
  { title: "text not_equals, any case", definition: trait("plan", text("not_equals", "pro", true)), members: ["cy"] },
  { title: "text contains", definition: trait("name", text("contains", "Lim")), members: ["ana"] },
  { title: "text contains, any case", definition: trait("name", text("contains", "ODE", true)), members: ["ben"] },
  { title: "text starts_with", definition: trait("name", text("starts_with", "Ana")), members: ["ana"] },
  { title: "text starts_with, any case", definition: trait("name", text("starts_with", "c", true)), members: ["cy"] },
  { title: "text ends_with", definition: trait("name", text("ends_with", "Ode")), members: ["ben"] },
  { title: "text ends_with, any case", definition: trait("name", text("ends_with", "LIMA", true)), members: ["ana"] },
  {
    title: "any case folds letters beyond ASCII as Postgres does",
    definition: {
      version: 1,
      root: "g",
      nodes: [
        { id: "g", type: "group", op: "or", children: ["a", "b"] },
        { id: "a", type: "trait", trait: "city", condition: text("equals", "istanbul", true) },
        { id: "b", type: "trait", trait: "city", condition: text("equals", "οδοσ école", true) },
      ],
    },
    members: ["ben", "cy"],
  },
  {
    title: "text in",
    definition: trait("plan", { kind: "text", operator: "in", values: ["pro", "free"] }),
    members: ["ana", "cy"],
  },
  {
    title: "text in, any case",
    definition: trait("plan", { kind: "text", operator: "in", values: ["Pro", "FREE"], caseInsensitive: true }),
    members: ["ana", "ben", "cy"],
  },
  {
    title: "text not_in",
    definition: trait("plan", { kind: "text", operator: "not_in", values: ["pro"] }),
    members: ["ben", "cy"],
  },
  {
    title: "exists: any kind of value",
    definition: trait("plan", { kind: "text", operator: "exists" }),
    members: ["ana", "ben", "cy", "eve"],
  },
  {
    title: "exists: a null is no value",
    definition: trait("nickname", { kind: "text", operator: "exists" }),
    members: [],
  },
  {
    title: "not_exists: missing or null",
    definition: trait("vip", { kind: "text", operator: "not_exists" }),
    members: ["cy", "dee", "eve"],
  },
  // number
  { title: "number eq", definition: trait("age", num("eq", 34)), members: ["ana"] },
  { title: "number eq reads numeric text", definition: trait("age", num("eq", 41)), members: ["ben"] },
  { title: "number neq skips non-numbers", definition: trait("age", num("neq", 34)), members: ["ben", "cy"] },
  { title: "number lt", definition: trait("age", num("lt", 18)), members: ["cy"] },
  { title: "number lte", definition: trait("age", num("lte", 34)), members: ["ana", "cy"] },
  { title: "number gt", definition: trait("age", num("gt", 40)), members: ["ben"] },
  { title: "number gte", definition: trait("age", num("gte", 34)), members: ["ana", "ben"] },
  {
    title: "number between (inclusive)",
    definition: trait("age", { kind: "number", operator: "between", min: 17, max: 34 }),
    members: ["ana", "cy"],
  },
  { title: "number: non-numeric text never errors", definition: trait("score", num("gt", 10)), members: ["ana"] },
  // boolean
  {
    title: "boolean true (JSON or text)",
    definition: trait("vip", { kind: "boolean", operator: "is", value: true }),
    members: ["ana", "ben"],
  },
  {
    title: "boolean false from text",
    definition: trait("newsletter", { kind: "boolean", operator: "is", value: false }),
    members: ["ana"],
  },
  // date
  {
    title: "date before (impossible day and numbers are not dates)",
    definition: trait("signed_up", { kind: "date", operator: "before", value: "2026-01-01T00:00:00Z" }),
    members: ["cy"],
  },
  {
    title: "date after",
    definition: trait("signed_up", { kind: "date", operator: "after", value: "2026-01-01T00:00:00Z" }),
    members: ["ana"],
  },
  {
    title: "date before honours offsets",
    definition: trait("birthday", { kind: "date", operator: "before", value: "2001-02-28T23:00:00Z" }),
    members: ["ana", "ben"],
  },
  {
    title: "date before: a date alone is midnight UTC",
    definition: trait("birthday", { kind: "date", operator: "before", value: "1990-02-28T00:00:01Z" }),
    members: ["ana"],
  },
  {
    title: "date within_last_days",
    definition: trait("signed_up", { kind: "date", operator: "within_last_days", days: 10 }),
    members: ["ana"],
  },
  {
    title: "date within_last_days (too short)",
    definition: trait("signed_up", { kind: "date", operator: "within_last_days", days: 5 }),
    members: [],
  },
  {
    title: "date more_than_days_ago",
    definition: trait("signed_up", { kind: "date", operator: "more_than_days_ago", days: 30 }),
    members: ["cy"],
  },
  // list
  {
    title: "list contains text",
    definition: trait("tags", { kind: "list", operator: "contains", value: "vip" }),
    members: ["ana"],
  },
  {
    title: "list contains: exact case",
    definition: trait("tags", { kind: "list", operator: "contains", value: "beta" }),
    members: [],
  },
  {
    title: "list contains, any case",
    definition: trait("tags", { kind: "list", operator: "contains", value: "beta", caseInsensitive: true }),
    members: ["ana"],
  },
  {
    title: "list contains a number",
    definition: trait("tags", { kind: "list", operator: "contains", value: 3 }),
    members: ["ana"],
  },
  {
    title: "list contains: kinds differ",
    definition: trait("tags", { kind: "list", operator: "contains", value: "3" }),
    members: [],
  },
  {
    title: "list contains a boolean",
    definition: trait("tags", { kind: "list", operator: "contains", value: true }),
    members: ["ana"],
  },
  // behaviour
  {
    title: "performed ever (not after now, exact name)",
    definition: performed("Order Completed"),
    members: ["ana", "ben", "cy"],
  },
  {
    title: "performed in the last 30 days",
    definition: performed("Order Completed", { window: last(30) }),
    members: ["ana", "cy"],
  },
  {
    title: "performed in the last 2 days (boundary included)",
    definition: performed("Order Completed", { window: last(2) }),
    members: ["ana", "cy"],
  },
  {
    title: "performed in the last 24 hours",
    definition: performed("Order Completed", { window: last(24, "hours") }),
    members: ["cy"],
  },
  {
    title: "performed between dates (from included, to excluded)",
    definition: performed("Order Completed", {
      window: { kind: "between", from: "2026-02-19T12:00:00Z", to: "2026-02-27T12:00:00Z" },
      count: { operator: "exactly", value: 1 },
    }),
    members: ["ana"],
  },
  {
    title: "performed at least 2 times in the last 30 days",
    definition: performed("Order Completed", { window: last(30), count: { operator: "at_least", value: 2 } }),
    members: ["ana", "cy"],
  },
  {
    title: "performed at least 3 times",
    definition: performed("Order Completed", { count: { operator: "at_least", value: 3 } }),
    members: ["ana"],
  },
  {
    title: "performed at most 1 time (or never)",
    definition: performed("Order Completed", { count: { operator: "at_most", value: 1 } }),
    members: ["ben", "dee", "eve"],
  },
  {
    title: "performed exactly 1 time",
    definition: performed("Order Completed", { count: { operator: "exactly", value: 1 } }),
    members: ["ben"],
  },
  {
    title: "did not perform in the last 30 days",
    definition: single({ type: "event", event: "Order Completed", performed: false, window: last(30) }),
    members: ["ben", "dee", "eve"],
  },
  { title: "page views by name", definition: performed("Pricing", { eventType: "page" }), members: ["ana"] },
  { title: "a page name is not a track event", definition: performed("Pricing"), members: [] },
  {
    title: "property filter on a nested path",
    definition: performed("Order Completed", {
      filters: [{ path: "properties.product.category", condition: text("equals", "Shoes") }],
    }),
    members: ["ana"],
  },
  {
    title: "property filter any case, counted",
    definition: performed("Order Completed", {
      filters: [{ path: "properties.product.category", condition: text("equals", "SHOES", true) }],
      count: { operator: "at_least", value: 2 },
    }),
    members: ["ana"],
  },
  {
    title: "property filter numeric (numeric text included)",
    definition: performed("Order Completed", { filters: [{ path: "properties.total", condition: num("gt", 10) }] }),
    members: ["ana", "ben", "cy"],
  },
  {
    title: "property filter into an array element",
    definition: performed("Order Completed", {
      filters: [{ path: "properties.items.0.price", condition: num("eq", 10) }],
    }),
    members: ["ana"],
  },
  {
    title: "property filter exists",
    definition: performed("Order Completed", {
      filters: [{ path: "properties.product", condition: { kind: "text", operator: "exists" } }],
    }),
    members: ["ana", "ben"],
  },
  {
    title: "property filter not_exists (null counts as none)",
    definition: performed("Order Completed", {
      filters: [{ path: "properties.coupon", condition: { kind: "text", operator: "not_exists" } }],
      window: last(30),
      count: { operator: "at_least", value: 2 },
    }),
    members: ["ana", "cy"],
  },
  // aggregate
  { title: "sum in the window", definition: aggregate("sum", num("gte", 100), last(30)), members: ["ana"] },
  { title: "sum over no events is 0", definition: aggregate("sum", num("lt", 50)), members: ["cy", "dee", "eve"] },
  { title: "avg skips non-numbers", definition: aggregate("avg", num("eq", 50)), members: ["ana"] },
  {
    title: "avg over no values matches nothing",
    definition: aggregate("avg", num("lt", 1_000_000)),
    members: ["ana", "ben", "cy"],
  },
  { title: "min", definition: aggregate("min", num("lte", 5)), members: ["cy"] },
  { title: "max", definition: aggregate("max", num("gt", 400)), members: ["ben"] },
  {
    title: "sum is exact (0.1 + 0.2 is 0.3)",
    definition: single({
      type: "event_aggregate",
      event: "Refund Issued",
      aggregate: "sum",
      path: "properties.amount",
      compare: num("eq", 0.3),
    }),
    members: ["cy"],
  },
  {
    title: "avg is exact",
    definition: single({
      type: "event_aggregate",
      event: "Refund Issued",
      aggregate: "avg",
      path: "properties.amount",
      compare: num("eq", 0.15),
    }),
    members: ["cy"],
  },
  // identifiers
  {
    title: "has email",
    definition: single({ type: "identifier", identifier: "email", present: true }),
    members: ["ana", "eve"],
  },
  {
    title: "has no email",
    definition: single({ type: "identifier", identifier: "email", present: false }),
    members: ["ben", "cy", "dee"],
  },
  {
    title: "has phone",
    definition: single({ type: "identifier", identifier: "phone", present: true }),
    members: ["ben"],
  },
  // groups
  {
    title: "and",
    definition: {
      version: 1,
      root: "g",
      nodes: [
        { id: "g", type: "group", op: "and", children: ["a", "b"] },
        { id: "a", type: "trait", trait: "plan", condition: text("equals", "pro", true) },
        { id: "b", type: "event", event: "Order Completed", performed: true, window: last(30) },
      ],
    },
    members: ["ana"],
  },
  {
    title: "or",
    definition: {
      version: 1,
      root: "g",
      nodes: [
        { id: "g", type: "group", op: "or", children: ["a", "b"] },
        { id: "a", type: "identifier", identifier: "phone", present: true },
        { id: "b", type: "trait", trait: "age", condition: num("lt", 18) },
      ],
    },
    members: ["ben", "cy"],
  },
  {
    title: "not includes profiles without the trait",
    definition: {
      version: 1,
      root: "g",
      nodes: [
        { id: "g", type: "group", op: "not", children: ["a"] },
        { id: "a", type: "trait", trait: "plan", condition: text("equals", "pro") },
      ],
    },
    members: ["ben", "cy", "dee", "eve"],
  },
  {
    title: "not over an aggregate with no values",
    definition: {
      version: 1,
      root: "g",
      nodes: [
        { id: "g", type: "group", op: "not", children: ["a"] },
        {
          id: "a",
          type: "event_aggregate",
          event: "Order Completed",
          aggregate: "max",
          path: "properties.total",
          compare: num("gt", 40),
        },
      ],
    },
    members: ["cy", "dee", "eve"],
  },
  {
    title: "nested groups",
    definition: {
      version: 1,
      root: "g",
      nodes: [
        { id: "g", type: "group", op: "and", children: ["o", "n"] },
        { id: "o", type: "group", op: "or", children: ["e", "p"] },
        { id: "e", type: "identifier", identifier: "email", present: true },
        { id: "p", type: "identifier", identifier: "phone", present: true },
        { id: "n", type: "group", op: "not", children: ["v"] },
        { id: "v", type: "trait", trait: "vip", condition: { kind: "boolean", operator: "is", value: true } },
      ],
    },
    members: ["eve"],
  },
];
