import fc from "fast-check";
import type { DefinitionInput } from "@/server/segments/definition";
import type { ProfileFacts } from "@/server/segments/evaluate-profile";

/**
 * Random segment definitions and random profiles for the equivalence property, drawn from small vocabularies
 * so that conditions often meet the data: values of every JSON kind (numeric and date-like text, text that
 * only folds to another case, impossible days, nulls, lists), events on window boundaries and after `now`.
 */
export const NOW = new Date("2026-03-01T12:00:00.000Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

const TRAITS = ["plan", "age", "tags", "joined", "flag"];
const EVENTS = ["Order Completed", "Signed Up", "order completed"];
const PATHS = [
  "properties.total",
  "properties.product.category",
  "properties.product.price",
  "properties.items.0.price",
  "properties.tags",
];
const NUMERIC_PATHS = ["properties.total", "properties.product.price"];
const TEXTS = ["pro", "PRO", "Pro plan", "free", "", "vip", "istanbul", "İSTANBUL", "οδοσ", "ΟΔΟΣ", "12", "o"];
const INSTANTS = [
  iso(-40 * DAY),
  iso(-9 * DAY),
  iso(-2 * DAY),
  iso(-1),
  "2026-02-20T08:00:00Z",
  "2025-12-01T00:00:00Z",
];

const scalar = fc.oneof(
  fc.constantFrom(...TEXTS, "12.5", "-3.5", "1e3", "007", "true", "false", "n/a"),
  fc.constantFrom("2026-02-20T08:00:00Z", "2026-02-30", "2025-12-01", "2026-02-28T10:00:00+05:00", "2026-02-28T23:30"),
  fc.constantFrom(iso(-1 * DAY), iso(-9 * DAY), iso(-31 * DAY), iso(-5 * HOUR), iso(2 * DAY)),
  fc.integer({ min: -5, max: 60 }),
  fc.constantFrom(0.5, 12.5, -3.25, 0.1, 0.2, 0.7, 19.99),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 4 }),
);
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof(fc.constantFrom("vip", "VIP", "beta", 3, true), scalar), { maxLength: 3 }),
  },
  { weight: 1, arbitrary: fc.constant({ a: 1 }) },
);

const offset = fc.oneof(
  fc.integer({ min: -60 * 24 * 60, max: 2 * 24 * 60 }).map((minutes) => minutes * 60_000),
  // Exactly on the edges of the windows below, and exactly now.
  fc.constantFrom(0, -HOUR, -DAY, -2 * DAY, -7 * DAY, -30 * DAY, -9 * DAY, 1),
);

const eventArb = fc
  .record({
    type: fc.constantFrom("track", "track", "page"),
    event: fc.constantFrom(...EVENTS),
    at: offset,
    properties: fc.record(
      {
        total: value,
        product: fc.record({ category: value, price: value }, { requiredKeys: [] }),
        items: fc.array(fc.record({ price: value }), { maxLength: 2 }),
        tags: value,
      },
      { requiredKeys: [] },
    ),
  })
  .map(({ type, event, at, properties }) => {
    const timestamp = iso(at);
    return {
      type,
      event,
      timestamp,
      raw: type === "track" ? { type, event, properties, timestamp } : { type, name: event, properties, timestamp },
    };
  });

export const profileArb = fc.record({
  traits: fc.dictionary(fc.constantFrom(...TRAITS), value, { maxKeys: 5 }),
  identities: fc
    .subarray(["email", "phone", "user_id"])
    .map((types) => types.map((type) => ({ type, value: `${type}-value` }))),
  events: fc.array(eventArb, { maxLength: 6 }),
  /** Merged away into the first profile of the population: never a member. */
  merged: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
});
export type RandomProfile = ProfileFacts & { merged: boolean };

const ci = fc.option(fc.boolean(), { nil: undefined });
const numberCondition = fc.oneof(
  fc.record({
    kind: fc.constant("number"),
    operator: fc.constantFrom("eq", "neq", "lt", "lte", "gt", "gte"),
    value: fc.oneof(fc.integer({ min: -5, max: 60 }), fc.constantFrom(12.5, 0.5, 0.3, 0.15, 0.9, 20)),
  }),
  fc
    .tuple(fc.integer({ min: -5, max: 60 }), fc.integer({ min: -5, max: 60 }))
    .map(([a, b]) => ({ kind: "number", operator: "between", min: Math.min(a, b), max: Math.max(a, b) })),
);
const condition = fc.oneof(
  fc.record({
    kind: fc.constant("text"),
    operator: fc.constantFrom("equals", "not_equals", "contains", "starts_with", "ends_with"),
    value: fc.constantFrom(...TEXTS),
    caseInsensitive: ci,
  }),
  fc.record({
    kind: fc.constant("text"),
    operator: fc.constantFrom("in", "not_in"),
    values: fc.subarray(TEXTS, { minLength: 1, maxLength: 3 }),
    caseInsensitive: ci,
  }),
  fc.record({ kind: fc.constant("text"), operator: fc.constantFrom("exists", "not_exists") }),
  numberCondition,
  fc.record({ kind: fc.constant("boolean"), operator: fc.constant("is"), value: fc.boolean() }),
  fc.record({
    kind: fc.constant("date"),
    operator: fc.constantFrom("before", "after"),
    value: fc.constantFrom(...INSTANTS),
  }),
  fc.record({
    kind: fc.constant("date"),
    operator: fc.constantFrom("within_last_days", "more_than_days_ago"),
    days: fc.constantFrom(1, 2, 9, 30, 400),
  }),
  fc.record({
    kind: fc.constant("list"),
    operator: fc.constant("contains"),
    value: fc.constantFrom("vip", "VIP", 3, true, "12"),
    caseInsensitive: ci,
  }),
);
const windowArb = fc.oneof(
  fc.constant({ kind: "ever" }),
  fc.record({ kind: fc.constant("last"), amount: fc.constantFrom(1, 2, 7, 30), unit: fc.constant("days") }),
  fc.record({ kind: fc.constant("last"), amount: fc.constantFrom(1, 5, 24), unit: fc.constant("hours") }),
  fc
    .subarray(INSTANTS, { minLength: 2, maxLength: 2 })
    .map((pair) => pair.sort((a, b) => Date.parse(a) - Date.parse(b)))
    .filter(([a, b]) => Date.parse(a) < Date.parse(b))
    .map(([from, to]) => ({ kind: "between", from, to })),
);
const selection = {
  eventType: fc.constantFrom("track", "track", "page"),
  event: fc.constantFrom(...EVENTS),
  window: windowArb,
  filters: fc.array(fc.record({ path: fc.constantFrom(...PATHS), condition }), { maxLength: 2 }),
};
const count = fc.option(
  fc.oneof(
    fc.record({ operator: fc.constant("at_least"), value: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ operator: fc.constantFrom("at_most", "exactly"), value: fc.integer({ min: 0, max: 3 }) }),
  ),
  { nil: undefined },
);

const leaf = fc.oneof(
  fc.record({ type: fc.constant("trait"), trait: fc.constantFrom(...TRAITS), condition }),
  fc
    .record({ type: fc.constant("event"), ...selection, performed: fc.boolean(), count })
    .map((n) => (n.performed ? n : { ...n, count: undefined })),
  fc.record({
    type: fc.constant("event_aggregate"),
    ...selection,
    aggregate: fc.constantFrom("sum", "avg", "min", "max"),
    path: fc.constantFrom(...NUMERIC_PATHS),
    compare: numberCondition,
  }),
  fc.record({
    type: fc.constant("identifier"),
    identifier: fc.constantFrom("email", "phone", "user_id"),
    present: fc.boolean(),
  }),
);

type Tree = { leaf: Record<string, unknown> } | { op: string; children: Tree[] };
const { tree } = fc.letrec<{ tree: Tree; group: Tree }>((tie) => ({
  tree: fc.oneof(
    { maxDepth: 3, depthIdentifier: "segment" },
    leaf.map((l) => ({ leaf: l })),
    tie("group"),
  ),
  group: fc
    .record({
      op: fc.constantFrom("and", "or", "not"),
      children: fc.array(tie("tree"), { minLength: 1, maxLength: 3 }),
    })
    .map((g) => (g.op === "not" ? { op: "not", children: g.children.slice(0, 1) } : g)),
}));

/** A random definition: a random tree flattened to nodes[] with ids, in a shuffled order. */
export const definitionArb = fc.tuple(tree, fc.nat()).map(([top, seed]) => {
  const nodes: Record<string, unknown>[] = [];
  const flatten = (t: Tree): string => {
    const id = `n${nodes.length}`;
    const at = nodes.push({ id }) - 1;
    nodes[at] = "leaf" in t ? { id, ...t.leaf } : { id, type: "group", op: t.op, children: t.children.map(flatten) };
    return id;
  };
  const root = flatten(top as Tree);
  // Fisher–Yates with a small LCG on the drawn seed: the order of nodes[] carries no meaning.
  let r = seed;
  for (let i = nodes.length - 1; i > 0; i--) {
    r = (Math.imul(r, 1_103_515_245) + 12_345) >>> 0;
    const j = r % (i + 1);
    [nodes[i], nodes[j]] = [nodes[j], nodes[i]];
  }
  return { version: 1, root, nodes } as unknown as DefinitionInput;
});
