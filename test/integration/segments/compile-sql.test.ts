import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { rows, type DatabaseHandle } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { compileSegmentSql } from "@/server/segments/compile-sql";
import { parseDefinition } from "@/server/segments/definition";
import { freshDatabase } from "../../helpers/test-db";
import { CASES, NOW, POPULATION } from "../../unit/segments/operator-cases";
import { loadFacts } from "./load-facts";

/** The SQL compiler, operator by operator, over the same population as the in-memory evaluator's unit test. */
let handle: DatabaseHandle;
const workspaceId = uuidv7();
let names: Map<string, string>;
beforeAll(async () => {
  handle = await freshDatabase();
  const ids = await loadFacts(handle.db, workspaceId, POPULATION);
  names = new Map([...ids].map(([name, id]) => [id, name]));
  // Another workspace whose people would match everything: never selected.
  await loadFacts(handle.db, uuidv7(), POPULATION);
});
afterAll(() => handle.close());

async function members(definition: unknown, now = NOW) {
  const found = await rows<{ id: string }>(
    handle.db,
    compileSegmentSql(parseDefinition(definition), { workspaceId, now }),
  );
  return found.map((r) => names.get(r.id) ?? `unknown ${r.id}`).sort();
}

describe("compileSegmentSql", () => {
  it.each(CASES.map((c) => [c.title, c] as const))("%s", async (_title, c) => {
    expect(await members(c.definition)).toEqual([...c.members].sort());
  });

  it("binds every user value as a parameter", () => {
    const hostile = "x'); DROP TABLE profiles; --";
    const query = compileSegmentSql(
      parseDefinition({
        version: 1,
        root: "g",
        nodes: [
          { id: "g", type: "group", op: "or", children: ["t", "e"] },
          { id: "t", type: "trait", trait: hostile, condition: { kind: "text", operator: "equals", value: hostile } },
          {
            id: "e",
            type: "event",
            event: hostile,
            performed: true,
            filters: [{ path: "properties.a b", condition: { kind: "text", operator: "in", values: [hostile] } }],
          },
        ],
      }),
      { workspaceId, now: NOW },
    );
    const { sql: text, params } = new PgDialect().sqlToQuery(query);
    expect(text).not.toContain("DROP TABLE");
    expect(params).toContain(hostile);
  });

  it("survives hostile values at run time", async () => {
    const hostile = "x'); DROP TABLE profiles; --";
    expect(
      await members({
        version: 1,
        root: "t",
        nodes: [{ id: "t", type: "trait", trait: hostile, condition: { kind: "text", operator: "not_exists" } }],
      }),
    ).toEqual(["ana", "ben", "cy", "dee", "eve"]);
    const [{ n }] = await rows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM profiles`);
    expect(n).toBe(POPULATION.length * 2);
  });

  it("evaluates windows at the given now", async () => {
    const lastDay = {
      version: 1,
      root: "n",
      nodes: [
        {
          id: "n",
          type: "event",
          event: "Order Completed",
          performed: true,
          window: { kind: "last", amount: 1, unit: "days" },
        },
      ],
    };
    expect(await members(lastDay)).toEqual(["cy"]);
    // Ben's one order was 100 days before NOW.
    expect(await members(lastDay, new Date(NOW.getTime() - 100 * 86_400_000 + 3_600_000))).toEqual(["ben"]);
  });

  it("never errors a comparison on values of another kind", async () => {
    // Every trait of the population under every kind of condition: no cast error, whatever is stored.
    const conditions = [
      { kind: "number", operator: "gt", value: 0 },
      { kind: "date", operator: "after", value: "1970-01-01T00:00:00Z" },
      { kind: "boolean", operator: "is", value: true },
      { kind: "list", operator: "contains", value: "vip" },
      { kind: "text", operator: "starts_with", value: "a", caseInsensitive: true },
    ];
    const traits = [...new Set(POPULATION.flatMap((p) => Object.keys(p.facts.traits)))];
    const nodes = traits.flatMap((trait, i) =>
      conditions.map((condition, k) => ({ id: `t${i}_${k}`, type: "trait", trait, condition })),
    );
    const definition = {
      version: 1,
      root: "g",
      nodes: [{ id: "g", type: "group", op: "or", children: nodes.map((n) => n.id) }, ...nodes],
    };
    await expect(members(definition)).resolves.toBeInstanceOf(Array);
  });
});
