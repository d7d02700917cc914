import { z } from "zod";
import { AppError } from "../errors";
import { conditionSchema, eventPath, numberCondition, propertyFilter, windowSchema } from "./conditions";

/**
 * A segment definition, version 1: a flat list of nodes with ids and the id of the root. Groups (and / or /
 * not) name their children by id; every other node is a leaf condition. Stored as jsonb and re-validated on
 * read (parseDefinition); both evaluators switch on node.type with an exhaustive check. Client-safe.
 *
 * The nodes form one tree: every id is unique, every child id names a node, no node has two parents, no group
 * leads back to itself, every node is reachable from the root, and the tree is at most MAX_DEPTH deep.
 */

export const DEFINITION_VERSION = 1;
export const MAX_NODES = 200;
export const MAX_DEPTH = 10;
export const MAX_FILTERS = 20;
export const MAX_COUNT = 1_000_000;

const nodeId = z.string("a node id").regex(/^[A-Za-z0-9_-]{1,64}$/, "a node id: letters, digits, _ and - (at most 64)");
const name = (what: string) =>
  z.string(`${what}: a text`).min(1, `${what} is not empty`).max(200, `${what} has at most 200 characters`);
const identifierType = z
  .string("an identifier type")
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "an identifier type such as email, phone or user_id");

/** Which events a behaviour node looks at: one event name of one message type, with property filters. */
const eventSelection = {
  eventType: z.enum(["track", "page", "screen"], "track, page or screen").default("track"),
  event: name("the event name"),
  filters: z.array(propertyFilter).max(MAX_FILTERS, `at most ${MAX_FILTERS} property filters`).default([]),
  window: windowSchema.default({ kind: "ever" }),
};

export const groupNode = z
  .object({
    id: nodeId,
    type: z.literal("group"),
    op: z.enum(["and", "or", "not"], "and, or or not"),
    children: z.array(nodeId).min(1, "a group has at least one child"),
  })
  .refine((g) => g.op !== "not" || g.children.length === 1, {
    message: "a not group has exactly one child",
    path: ["children"],
  });

/** A golden-record trait (profile_traits.name) compared with a condition. */
export const traitNode = z.object({
  id: nodeId,
  type: z.literal("trait"),
  trait: name("the trait name"),
  condition: conditionSchema,
});

/** Performed (count in the window, default at least once) or did not perform (never in the window). */
export const eventNode = z
  .object({
    id: nodeId,
    type: z.literal("event"),
    ...eventSelection,
    performed: z.boolean("true (performed) or false (did not perform)"),
    count: z
      .object({
        operator: z.enum(["at_least", "at_most", "exactly"], "at_least, at_most or exactly"),
        value: z
          .number("a number of times")
          .int("a whole number of times")
          .min(0, "at least 0")
          .max(MAX_COUNT, `at most ${MAX_COUNT.toLocaleString("en")}`),
      })
      .refine((c) => c.operator !== "at_least" || c.value >= 1, {
        message: "at_least takes at least 1 (at least 0 times is everyone)",
        path: ["value"],
      })
      .optional(),
  })
  .refine((n) => n.performed || n.count === undefined, {
    message: "a count goes with performed: true (did not perform means not once in the window)",
    path: ["count"],
  });

/**
 * sum / avg / min / max of a numeric event property over the matching events in the window, compared with a
 * number condition. Values that are not numbers are left out; with no values, sum is 0 and avg/min/max have
 * no value (which matches nothing).
 */
export const aggregateNode = z.object({
  id: nodeId,
  type: z.literal("event_aggregate"),
  ...eventSelection,
  aggregate: z.enum(["sum", "avg", "min", "max"], "sum, avg, min or max"),
  path: eventPath,
  compare: numberCondition,
});

/** Whether the profile has (or lacks) at least one identifier of a type. */
export const identifierNode = z.object({
  id: nodeId,
  type: z.literal("identifier"),
  identifier: identifierType,
  present: z.boolean("true (has) or false (has no)"),
});

export const nodeSchema = z.discriminatedUnion(
  "type",
  [groupNode, traitNode, eventNode, aggregateNode, identifierNode],
  {
    error: "a node type: one of group, trait, event, event_aggregate, identifier",
  },
);

export const definitionSchema = z
  .object({
    version: z.literal(DEFINITION_VERSION, `version ${DEFINITION_VERSION}`),
    root: nodeId,
    nodes: z.array(nodeSchema).min(1, "at least one node").max(MAX_NODES, `at most ${MAX_NODES} nodes`),
  })
  .superRefine((d, ctx) => {
    for (const problem of treeProblems(d)) ctx.addIssue({ code: "custom", ...problem });
  });

export type Definition = z.infer<typeof definitionSchema>;
export type DefinitionInput = z.input<typeof definitionSchema>;
export type SegmentNode = Definition["nodes"][number];
export type GroupNode = z.infer<typeof groupNode>;

type Problem = { path: (string | number)[]; message: string };

/** The structural rules of the tree, each problem with the path of the node that breaks it. */
function treeProblems(d: { root: string; nodes: SegmentNode[] }): Problem[] {
  const problems: Problem[] = [];
  const index = new Map<string, number>();
  d.nodes.forEach((n, i) => {
    const first = index.get(n.id);
    if (first === undefined) index.set(n.id, i);
    else problems.push({ path: ["nodes", i, "id"], message: `the id "${n.id}" is already used by nodes[${first}]` });
  });
  if (!index.has(d.root)) problems.push({ path: ["root"], message: `no node has the id "${d.root}"` });
  const parent = new Map<string, number>();
  d.nodes.forEach((n, i) => {
    if (n.type !== "group") return;
    n.children.forEach((child, k) => {
      const at = ["nodes", i, "children", k];
      if (!index.has(child)) problems.push({ path: at, message: `no node has the id "${child}"` });
      else if (child === d.root) problems.push({ path: at, message: `"${child}" is the root; the root has no parent` });
      else if (parent.has(child))
        problems.push({ path: at, message: `"${child}" is already a child of nodes[${parent.get(child)}]` });
      else parent.set(child, i);
    });
  });
  if (problems.length) return problems;
  // With unique ids, one parent each and a parentless root, the nodes are the root's tree plus, possibly,
  // detached parts; a detached part either hangs off a parentless node or closes a cycle.
  const depth = new Map<string, number>();
  const walk = (id: string, level: number) => {
    depth.set(id, level);
    const n = d.nodes[index.get(id)!];
    if (level === MAX_DEPTH + 1)
      problems.push({ path: ["nodes", index.get(id)!], message: `nested deeper than ${MAX_DEPTH} levels` });
    if (n.type === "group") for (const child of n.children) walk(child, level + 1);
  };
  walk(d.root, 1);
  d.nodes.forEach((n, i) => {
    if (depth.has(n.id)) return;
    problems.push({
      path: ["nodes", i],
      message: cycleThrough(n.id, d.nodes, index, parent)
        ? `"${n.id}" is part of a cycle of groups`
        : `"${n.id}" is not reachable from the root "${d.root}"`,
    });
  });
  return problems;
}

/** Whether following parents up from a node comes back to it. */
function cycleThrough(id: string, nodes: SegmentNode[], index: Map<string, number>, parent: Map<string, number>) {
  const seen = new Set<string>();
  let at: string | undefined = id;
  while (at !== undefined && !seen.has(at)) {
    seen.add(at);
    const p = parent.get(at);
    at = p === undefined ? undefined : nodes[p].id;
  }
  return at === id;
}

/** A zod issue path as the builder shows it: nodes[3].condition.operator. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`)).join("");
}

export type DefinitionCheck = { ok: true; definition: Definition } | { ok: false; problems: string[] };

/** Every problem of a definition, each "path: message" (or the definition if it has none). */
export function checkDefinition(input: unknown): DefinitionCheck {
  const parsed = definitionSchema.safeParse(input);
  if (parsed.success) return { ok: true, definition: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => (i.path.length ? `${formatPath(i.path)}: ${i.message}` : i.message)),
  };
}

/** A definition from a request or from its stored jsonb; refuses one that breaks any rule, naming each problem. */
export function parseDefinition(input: unknown): Definition {
  const check = checkDefinition(input);
  if (!check.ok) throw new AppError("BAD_REQUEST", `Invalid segment definition: ${check.problems.join("; ")}`);
  return check.definition;
}

export { describeDefinition } from "./describe-definition";
