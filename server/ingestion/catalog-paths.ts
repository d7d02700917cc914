/**
 * The property paths of messages, as the event catalog records them: dotted keys, array items as `[]`
 * (properties.items[].price), each with the JSON type of its value. Messages are walked into a PathTree — a
 * trie keyed by the messages' own property names — so the hot path builds no path strings and looks keys up
 * by their cached hashes; paths are spelled out only when the counts are written. Bounded, so a hostile
 * payload costs little.
 */
export const CATALOG_LIMITS = {
  /** Path segments walked, counting `[]` as one (properties.items[].price is 4). */
  maxDepth: 6,
  /** Distinct path/type pairs counted per message. */
  maxPaths: 200,
  /** Items looked at in each array. */
  maxArrayItems: 50,
  /** Longer paths are skipped. */
  maxPathLength: 300,
} as const;

export const JSON_TYPES = ["string", "number", "boolean", "object", "array", "null"] as const;
export type JsonType = (typeof JSON_TYPES)[number];
const STRING = 0,
  NUMBER = 1,
  BOOLEAN = 2,
  OBJECT = 3,
  ARRAY = 4,
  NULL = 5;

export function jsonType(value: unknown): JsonType | null {
  const index = typeIndex(value);
  return index < 0 ? null : JSON_TYPES[index];
}

function typeIndex(value: unknown): number {
  if (value === null) return NULL;
  switch (typeof value) {
    case "string":
      return STRING;
    case "number":
      return NUMBER;
    case "boolean":
      return BOOLEAN;
    case "object":
      return Array.isArray(value) ? ARRAY : OBJECT;
    default:
      return -1;
  }
}

/** Counts for one path and type. `seen` is the last message counted, so each message counts once. */
export interface TypeStats {
  count: number;
  first: number;
  last: number;
  seen: number;
}

interface PathNode {
  /** "key" for an object property, "[]" for array items. */
  segment: string;
  parent: PathNode | null;
  depth: number;
  pathLength: number;
  children: Map<string, PathNode> | null;
  items: PathNode | null;
  stats: (TypeStats | undefined)[];
}

const newNode = (segment: string, parent: PathNode | null): PathNode => ({
  segment,
  parent,
  depth: parent ? parent.depth + 1 : 0,
  pathLength:
    !parent || parent.depth === 0 ? segment.length : parent.pathLength + segment.length + (segment === "[]" ? 0 : 1),
  children: null,
  items: null,
  stats: [],
});

function pathOf(node: PathNode): string {
  const segments: string[] = [];
  for (let n: PathNode | null = node; n && n.depth > 0; n = n.parent) segments.push(n.segment);
  let path = "";
  for (let i = segments.length - 1; i >= 0; i--)
    path += segments[i] === "[]" || path === "" ? segments[i] : `.${segments[i]}`;
  return path;
}

/** Observed paths of many messages with counts and first/last times; at most `maxNodes` distinct paths. */
export class PathTree {
  private root = newNode("", null);
  private sequence = 0;
  private counted = 0;
  private time = 0;
  nodes = 0;

  constructor(private readonly maxNodes: number = 10_000) {}

  /** Counts every path/type of the message once, at time `at` (ms). */
  record(message: Record<string, unknown>, at: number): void {
    this.sequence++;
    this.counted = 0;
    this.time = at;
    this.walkObject(message, this.root);
  }

  /** Every path with its type and counts. */
  *entries(): Generator<{ path: string; type: JsonType } & TypeStats> {
    const stack = [this.root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.depth > 0) {
        const path = pathOf(node);
        for (let t = 0; t < node.stats.length; t++) {
          const stats = node.stats[t];
          if (stats) yield { path, type: JSON_TYPES[t], ...stats };
        }
      }
      if (node.children) for (const child of node.children.values()) stack.push(child);
      if (node.items) stack.push(node.items);
    }
  }

  private visit(value: unknown, node: PathNode): void {
    const type = typeIndex(value);
    if (type < 0) return;
    let stats = node.stats[type];
    if (!stats) stats = node.stats[type] = { count: 0, first: this.time, last: this.time, seen: 0 };
    if (stats.seen !== this.sequence) {
      stats.seen = this.sequence;
      stats.count++;
      if (this.time < stats.first) stats.first = this.time;
      if (this.time > stats.last) stats.last = this.time;
      this.counted++;
    }
    if (node.depth >= CATALOG_LIMITS.maxDepth) return;
    if (type === OBJECT) this.walkObject(value as Record<string, unknown>, node);
    else if (type === ARRAY) this.walkArray(value as unknown[], node);
  }

  private walkObject(object: Record<string, unknown>, node: PathNode): void {
    for (const key in object) {
      if (this.counted >= CATALOG_LIMITS.maxPaths) return;
      let child = node.children?.get(key);
      if (!child) {
        if (this.nodes >= this.maxNodes || key.includes("\u0000")) continue;
        child = newNode(key, node);
        if (child.pathLength > CATALOG_LIMITS.maxPathLength) continue;
        (node.children ??= new Map()).set(key, child);
        this.nodes++;
      }
      this.visit(object[key], child);
    }
  }

  private walkArray(array: unknown[], node: PathNode): void {
    let items = node.items;
    if (!items) {
      if (this.nodes >= this.maxNodes) return;
      items = newNode("[]", node);
      if (items.pathLength > CATALOG_LIMITS.maxPathLength) return;
      node.items = items;
      this.nodes++;
    }
    const count = Math.min(array.length, CATALOG_LIMITS.maxArrayItems);
    for (let i = 0; i < count && this.counted < CATALOG_LIMITS.maxPaths; i++) this.visit(array[i], items);
  }
}

/** The `path:type` pairs of one message (for tests and tools). */
export function observedPaths(message: Record<string, unknown>): Set<string> {
  const tree = new PathTree();
  tree.record(message, 0);
  return new Set([...tree.entries()].map((e) => `${e.path}:${e.type}`));
}
