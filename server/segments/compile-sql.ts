import { sql, type SQL } from "drizzle-orm";
import { assertNever, windowBounds, type PropertyFilter, type Window } from "./conditions";
import { conditionSql, numberOf, numberSql } from "./compile-condition-sql";
import type { Definition, SegmentNode } from "./definition";

/**
 * A segment definition as one parameterised query: the ids of the workspace's live profiles that are members
 * at `now` — evaluate-profile.ts in SQL. Trait conditions are EXISTS over profile_traits, identifiers EXISTS
 * over identities, behaviour correlated EXISTS / bounded counts / aggregates over profile_events JOIN events.
 * Every user value is a bound parameter; every node compiles to a true/false predicate (never NULL), so `not`
 * negates exactly. The definition must come from parseDefinition().
 */
export function compileSegmentSql(definition: Definition, options: { workspaceId: string; now: Date }): SQL {
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const now = options.now;
  const compile = (node: SegmentNode): SQL => {
    switch (node.type) {
      case "group": {
        const children = node.children.map((id) => compile(byId.get(id)!));
        if (node.op === "not") return sql`(NOT ${children[0]})`;
        return sql`(${sql.join(children, node.op === "and" ? sql` AND ` : sql` OR `)})`;
      }
      case "trait":
        return traitSql(node.trait, node.condition, now);
      case "identifier": {
        const has = sql`EXISTS (SELECT 1 FROM identities i WHERE i.workspace_id = p.workspace_id AND i.profile_id = p.id AND i.type = ${node.identifier})`;
        return node.present ? has : sql`(NOT ${has})`;
      }
      case "event": {
        const from = eventsSql(node, [], now);
        if (!node.performed) return sql`(NOT EXISTS (SELECT 1 ${from}))`;
        const { operator, value } = node.count ?? { operator: "at_least" as const, value: 1 };
        if (operator === "at_least" && value === 1) return sql`EXISTS (SELECT 1 ${from})`;
        // Count no further than the answer needs.
        const limit = operator === "at_least" ? value : value + 1;
        const counted = sql`(SELECT count(*) FROM (SELECT 1 ${from} LIMIT ${limit}::int) AS c)`;
        if (operator === "at_least") return sql`(${counted} >= ${value}::int)`;
        if (operator === "at_most") return sql`(${counted} <= ${value}::int)`;
        return sql`(${counted} = ${value}::int)`;
      }
      case "event_aggregate": {
        const from = eventsSql(node, [node.path], now);
        const x = numberOf(sql`f.p0`);
        // Exact numeric; an average is compared as sum against threshold × count (no division to round).
        const matched =
          node.aggregate === "sum"
            ? numberSql(node.compare, sql`coalesce(sum(${x}), 0)`)
            : node.aggregate === "avg"
              ? sql`count(${x}) > 0 AND ${numberSql(node.compare, sql`sum(${x})`, sql`count(${x})`)}`
              : numberSql(node.compare, node.aggregate === "min" ? sql`min(${x})` : sql`max(${x})`);
        return sql`coalesce((SELECT ${matched} ${from}), false)`;
      }
      default:
        return assertNever(node);
    }
  };
  return sql`SELECT p.id FROM profiles p
             WHERE p.workspace_id = ${options.workspaceId} AND p.merged_into IS NULL AND ${compile(byId.get(definition.root)!)}`;
}

/** A trait condition: not_exists holds when no present value is stored; every other condition needs one that meets it. */
function traitSql(name: string, condition: Parameters<typeof conditionSql>[0], now: Date): SQL {
  const stored = sql`SELECT 1 FROM profile_traits t WHERE t.workspace_id = p.workspace_id AND t.profile_id = p.id AND t.name = ${name}`;
  if (condition.kind === "text" && condition.operator === "not_exists")
    return sql`(NOT EXISTS (${stored} AND jsonb_typeof(t.value) <> 'null'))`;
  return sql`EXISTS (${stored} AND ${conditionSql(condition, sql`t.value`, now)})`;
}

/**
 * FROM … WHERE of the profile's events that a behaviour node looks at: its type and name, inside the window
 * (never after `now`), meeting every property filter. Each path is read once, in a lateral row `f`:
 * extra paths are f.p0…, filter paths f.q0….
 */
function eventsSql(
  node: { eventType: string; event: string; filters: PropertyFilter[]; window: Window },
  extraPaths: string[],
  now: Date,
): SQL {
  const { from, to } = windowBounds(node.window, now);
  const reads = [
    ...extraPaths.map((path, i) => sql`e.raw #> ${pathArray(path)} AS ${sql.identifier(`p${i}`)}`),
    ...node.filters.map((f, i) => sql`e.raw #> ${pathArray(f.path)} AS ${sql.identifier(`q${i}`)}`),
  ];
  const lateral = reads.length ? sql`CROSS JOIN LATERAL (SELECT ${sql.join(reads, sql`, `)}) AS f` : sql``;
  const where = [
    sql`pe.workspace_id = p.workspace_id`,
    sql`pe.profile_id = p.id`,
    sql`e.type = ${node.eventType}`,
    sql`e.event = ${node.event}`,
    sql`pe.timestamp <= ${now.toISOString()}::timestamptz`,
    ...(from ? [sql`pe.timestamp >= ${from.toISOString()}::timestamptz`] : []),
    ...(to ? [sql`pe.timestamp < ${to.toISOString()}::timestamptz`] : []),
    ...node.filters.map((f, i) => conditionSql(f.condition, sql`f.${sql.identifier(`q${i}`)}`, now)),
  ];
  return sql`FROM profile_events pe JOIN events e ON e.workspace_id = pe.workspace_id AND e.id = pe.event_id ${lateral}
             WHERE ${sql.join(where, sql` AND `)}`;
}

/** A dotted path as a text[] of bound parameters (properties.product.category → {properties,product,category}). */
const pathArray = (path: string) =>
  sql`ARRAY[${sql.join(
    path.split(".").map((key) => sql`${key}`),
    sql`, `,
  )}]::text[]`;
