import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import { checkDefinition, describeDefinition, parseDefinition } from "@/server/segments/definition";

/** Definitions are refused with the path of the node that breaks a rule; good ones read back in plain words. */
const problems = (input: unknown) => {
  const check = checkDefinition(input);
  return check.ok ? [] : check.problems;
};
const leaf = (id: string) => ({ id, type: "identifier", identifier: "email", present: true });
const group = (id: string, children: string[], op = "and") => ({ id, type: "group", op, children });
const def = (root: string, nodes: unknown[]) => ({ version: 1, root, nodes });
const chain = (levels: number) =>
  def("g1", [
    ...Array.from({ length: levels - 1 }, (_, i) => group(`g${i + 1}`, [i + 2 === levels ? "leaf" : `g${i + 2}`])),
    leaf("leaf"),
  ]);

describe("definition validation", () => {
  it("accepts a good definition and fills defaults", () => {
    const parsed = parseDefinition(
      def("g", [group("g", ["e"]), { id: "e", type: "event", event: "Order Completed", performed: true }]),
    );
    expect(parsed.nodes[1]).toMatchObject({ eventType: "track", filters: [], window: { kind: "ever" } });
    // Re-validated on read: the stored jsonb parses to the same definition.
    expect(parseDefinition(JSON.parse(JSON.stringify(parsed)))).toEqual(parsed);
  });

  it("names the bad node's field", () => {
    expect(
      problems(
        def("g", [
          group("g", ["a"]),
          { id: "a", type: "trait", trait: "plan", condition: { kind: "text", operator: "is" } },
        ]),
      ),
    ).toEqual([
      "nodes[1].condition.operator: a text operator: one of equals, not_equals, contains, starts_with, ends_with, in, not_in, exists, not_exists",
    ]);
    expect(problems(def("a", [{ id: "a", type: "segment" }]))).toEqual([
      "nodes[0].type: a node type: one of group, trait, event, event_aggregate, identifier",
    ]);
    expect(problems({ ...def("a", [leaf("a")]), version: 2 })).toEqual(["version: version 1"]);
    expect(
      problems(
        def("a", [
          {
            id: "a",
            type: "event",
            event: "Order Completed",
            performed: true,
            filters: [{ path: "properties..total", condition: { kind: "number", operator: "gt", value: 1 } }],
          },
        ]),
      )[0],
    ).toMatch(/^nodes\[0\]\.filters\[0\]\.path: a path such as properties\.product\.category/);
  });

  it("refuses unknown child ids, a missing root and duplicate ids", () => {
    expect(problems(def("g", [group("g", ["a", "zz"]), leaf("a")]))).toEqual([
      'nodes[0].children[1]: no node has the id "zz"',
    ]);
    expect(problems(def("r", [leaf("a")]))).toEqual(['root: no node has the id "r"']);
    expect(problems(def("g", [group("g", ["a"]), leaf("a"), leaf("a")]))).toEqual([
      'nodes[2].id: the id "a" is already used by nodes[1]',
    ]);
  });

  it("refuses a node with two parents and the root as a child", () => {
    expect(problems(def("g", [group("g", ["h", "a"]), group("h", ["a"]), leaf("a")]))).toEqual([
      'nodes[1].children[0]: "a" is already a child of nodes[0]',
    ]);
    expect(problems(def("g", [group("g", ["h"]), group("h", ["g"])]))).toEqual([
      'nodes[1].children[0]: "g" is the root; the root has no parent',
    ]);
  });

  it("refuses cycles among groups and unreachable nodes", () => {
    expect(problems(def("g", [group("g", ["a"]), leaf("a"), group("b", ["c"]), group("c", ["b"])]))).toEqual([
      'nodes[2]: "b" is part of a cycle of groups',
      'nodes[3]: "c" is part of a cycle of groups',
    ]);
    expect(problems(def("g", [group("g", ["a"]), leaf("a"), group("s", ["s"])]))).toEqual([
      'nodes[2]: "s" is part of a cycle of groups',
    ]);
    expect(problems(def("g", [group("g", ["a"]), leaf("a"), leaf("lost")]))).toEqual([
      'nodes[2]: "lost" is not reachable from the root "g"',
    ]);
  });

  it("limits depth to 10 and nodes to 200", () => {
    expect(problems(chain(10))).toEqual([]);
    expect(problems(chain(11))).toEqual(["nodes[10]: nested deeper than 10 levels"]);
    const many = Array.from({ length: 200 }, (_, i) => leaf(`l${i}`));
    expect(
      problems(
        def("g", [
          group(
            "g",
            many.map((n) => n.id),
            "or",
          ),
          ...many,
        ]),
      ),
    ).toEqual(["nodes: at most 200 nodes"]);
    expect(
      problems(
        def("g", [
          group(
            "g",
            many.slice(1).map((n) => n.id),
            "or",
          ),
          ...many.slice(1),
        ]),
      ),
    ).toEqual([]);
  });

  it("limits lists to 1,000 values and windows to 3,650 days", () => {
    const inList = (n: number) =>
      def("a", [
        {
          id: "a",
          type: "trait",
          trait: "plan",
          condition: { kind: "text", operator: "in", values: Array.from({ length: n }, (_, i) => `v${i}`) },
        },
      ]);
    expect(problems(inList(1000))).toEqual([]);
    expect(problems(inList(1001))).toEqual(["nodes[0].condition.values: at most 1,000 values"]);
    const windowed = (window: unknown) =>
      def("a", [{ id: "a", type: "event", event: "Signed Up", performed: true, window }]);
    expect(problems(windowed({ kind: "last", amount: 3650, unit: "days" }))).toEqual([]);
    expect(problems(windowed({ kind: "last", amount: 3651, unit: "days" }))).toEqual([
      "nodes[0].window.amount: a window of at most 3,650 days",
    ]);
    expect(problems(windowed({ kind: "last", amount: 3650 * 24 + 1, unit: "hours" }))).toEqual([
      "nodes[0].window.amount: a window of at most 3,650 days",
    ]);
    expect(problems(windowed({ kind: "between", from: "2010-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }))).toEqual([
      "nodes[0].window.to: a window of at most 3,650 days",
    ]);
    expect(problems(windowed({ kind: "between", from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z" }))).toEqual([
      "nodes[0].window.to: from is before to",
    ]);
    expect(
      problems(
        def("a", [
          {
            id: "a",
            type: "trait",
            trait: "seen",
            condition: { kind: "date", operator: "within_last_days", days: 3651 },
          },
        ]),
      ),
    ).toEqual(["nodes[0].condition.days: at most 3,650 days (10 years)"]);
  });

  it("refuses groups and counts that cannot mean anything", () => {
    expect(problems(def("g", [group("g", ["a", "b"], "not"), leaf("a"), leaf("b")]))).toEqual([
      "nodes[0].children: a not group has exactly one child",
    ]);
    expect(problems(def("g", [group("g", [])]))).toEqual(["nodes[0].children: a group has at least one child"]);
    const counted = (performed: boolean, count: unknown) =>
      def("a", [{ id: "a", type: "event", event: "Signed Up", performed, count }]);
    expect(problems(counted(false, { operator: "at_least", value: 2 }))).toEqual([
      "nodes[0].count: a count goes with performed: true (did not perform means not once in the window)",
    ]);
    expect(problems(counted(true, { operator: "at_least", value: 0 }))).toEqual([
      "nodes[0].count.value: at_least takes at least 1 (at least 0 times is everyone)",
    ]);
    expect(
      problems(
        def("a", [
          { id: "a", type: "trait", trait: "age", condition: { kind: "number", operator: "between", min: 5, max: 1 } },
        ]),
      ),
    ).toEqual(["nodes[0].condition.max: min is at most max"]);
  });

  it("throws a bad-request error that names every problem", () => {
    let error: unknown;
    try {
      parseDefinition(def("g", [group("g", ["zz"]), leaf("lost")]));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("BAD_REQUEST");
    expect((error as AppError).message).toBe(
      'Invalid segment definition: nodes[0].children[0]: no node has the id "zz"',
    );
  });
});

describe("describeDefinition", () => {
  it("reads a definition in plain words", () => {
    expect(
      describeDefinition(
        parseDefinition(
          def("g", [
            group("g", ["e", "t"]),
            {
              id: "e",
              type: "event",
              event: "Order Completed",
              performed: true,
              count: { operator: "at_least", value: 2 },
              window: { kind: "last", amount: 30, unit: "days" },
            },
            { id: "t", type: "trait", trait: "plan", condition: { kind: "text", operator: "equals", value: "pro" } },
          ]),
        ),
      ),
    ).toBe("People who performed Order Completed at least 2 times in the last 30 days and whose plan is pro");
  });

  it("puts nested groups in parentheses and says every kind of node", () => {
    const text = describeDefinition(
      parseDefinition(
        def("g", [
          group("g", ["o", "n", "s"]),
          group("o", ["p", "i"], "or"),
          { id: "p", type: "identifier", identifier: "email", present: true },
          { id: "i", type: "identifier", identifier: "user_id", present: false },
          group("n", ["d"], "not"),
          {
            id: "d",
            type: "event",
            event: "Viewed Product",
            performed: false,
            filters: [
              {
                path: "properties.product.category",
                condition: { kind: "text", operator: "in", values: ["Shoes", "Hats"], caseInsensitive: true },
              },
            ],
            window: { kind: "last", amount: 1, unit: "hours" },
          },
          {
            id: "s",
            type: "event_aggregate",
            event: "Order Completed",
            aggregate: "sum",
            path: "properties.total",
            compare: { kind: "number", operator: "between", min: 10, max: 1500 },
            window: { kind: "last", amount: 90, unit: "days" },
          },
        ]),
      ),
    );
    expect(text).toBe(
      "People (who have an email or who have no user ID) and not (who did not perform Viewed Product where " +
        "properties.product.category is one of Shoes, Hats (any case) in the last hour) and whose total properties.total " +
        "over Order Completed in the last 90 days is between 10 and 1,500",
    );
  });

  it("says each condition, quoting values that would blur into the sentence", () => {
    const say = (node: Record<string, unknown>) =>
      describeDefinition(parseDefinition(def("n", [{ id: "n", ...node }])));
    const trait = (condition: unknown) => say({ type: "trait", trait: "plan", condition });
    expect(trait({ kind: "text", operator: "equals", value: "pro, team" })).toBe('People whose plan is "pro, team"');
    expect(trait({ kind: "text", operator: "not_equals", value: "pro", caseInsensitive: true })).toBe(
      "People whose plan is not pro (any case)",
    );
    expect(trait({ kind: "text", operator: "not_exists" })).toBe("People who have no plan");
    expect(trait({ kind: "number", operator: "lte", value: 1500.5 })).toBe("People whose plan is at most 1,500.5");
    expect(trait({ kind: "date", operator: "more_than_days_ago", days: 1 })).toBe(
      "People whose plan is more than 1 day ago",
    );
    expect(trait({ kind: "list", operator: "contains", value: 3 })).toBe("People whose plan include 3");
    const many = Array.from({ length: 7 }, (_, i) => `p${i}`);
    expect(trait({ kind: "text", operator: "not_in", values: many })).toBe(
      "People whose plan is none of p0, p1, p2, p3, p4 and 2 more",
    );
    const event = (extra: Record<string, unknown>) =>
      say({ type: "event", event: "Signed Up", performed: true, ...extra });
    expect(event({ count: { operator: "exactly", value: 0 } })).toBe("People who did not perform Signed Up");
    expect(event({ count: { operator: "at_most", value: 1 } })).toBe(
      "People who performed Signed Up at most 1 time (or never)",
    );
    expect(
      event({
        eventType: "page",
        window: { kind: "between", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" },
      }),
    ).toBe("People who performed a page view of Signed Up between 2026-01-01T00:00:00Z and 2026-02-01T00:00:00Z");
  });
});
