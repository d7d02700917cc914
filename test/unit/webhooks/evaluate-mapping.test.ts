import { describe, expect, it } from "vitest";
import { compileMapping, evaluateMapping } from "@/server/webhooks/evaluate-mapping";

describe("compiling a mapping", () => {
  it("accepts a JSONata expression and reports a syntax error with its code and position", () => {
    expect(compileMapping('{"type": "track", "event": kind}').ok).toBe(true);
    expect(compileMapping('{"type": ')).toEqual({
      ok: false,
      error: expect.stringMatching(/^line 1, column 10: expected "}" before the end of the expression \(S0203\)\n/),
    });
    expect(compileMapping("   ")).toEqual({ ok: false, error: "the mapping is empty" });
  });
});

describe("evaluating a mapping within limits", () => {
  it("maps a payload to an object or an array", async () => {
    expect(
      await evaluateMapping('{"type": "track", "event": kind, "userId": user.id}', {
        kind: "Paid",
        user: { id: "u1" },
      }),
    ).toEqual({
      ok: true,
      value: { type: "track", event: "Paid", userId: "u1" },
    });
    const many = await evaluateMapping(
      'items.{"type": "track", "event": "Item", "userId": $$.uid, "properties": {"sku": sku}}',
      { uid: "u", items: [{ sku: 1 }, { sku: 2 }] },
    );
    expect(many.ok && JSON.parse(JSON.stringify(many.value))).toHaveLength(2);
  });

  it("reports a runtime error with JSONata's code", async () => {
    expect(await evaluateMapping('$number("abc")', {})).toEqual({
      ok: false,
      error: expect.stringMatching(/^line 1, column 8: "abc" cannot be turned into a number \(D3030\)/),
    });
  });

  it("stops an endless loop after the time limit", async () => {
    const started = Date.now();
    const result = await evaluateMapping("($loop := function($i) { $loop($i + 1) }; $loop(0))", {});
    expect(result.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("stops deep recursion, huge sequences and ballooning strings", async () => {
    expect((await evaluateMapping("($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))", {})).ok).toBe(
      false,
    );
    expect((await evaluateMapping("$count([1..5000000])", {})).ok).toBe(false);
    expect(await evaluateMapping('$reduce([1..40], function($a, $b) { $a & $a }, "x")', {})).toEqual({
      ok: false,
      error: expect.stringMatching(/longer than/),
    });
    expect((await evaluateMapping('$pad("x", 100000000)', {})).ok).toBe(false);
  });

  it("refuses $eval, which would escape the limits", async () => {
    expect(await evaluateMapping('$eval("1 + 1")', {})).toEqual({
      ok: false,
      error: "$eval is not available in mappings",
    });
  });
});

describe("regular expressions in a mapping", () => {
  const value = async (mapping: string, payload: unknown = {}) => {
    const result = await evaluateMapping(mapping, payload);
    if (!result.ok) throw new Error(result.error);
    return JSON.parse(JSON.stringify(result.value ?? null));
  };

  it("match, replace, split and test as JSONata's do, with groups, flags and positions", async () => {
    expect(await value('$match("Order A-12 and B-7", /([A-Z])-(\\d+)/)')).toEqual([
      { match: "A-12", index: 6, groups: ["A", "12"] },
      { match: "B-7", index: 15, groups: ["B", "7"] },
    ]);
    expect(await value('$replace("jane.doe@example.com", /(\\w+)\\.(\\w+)@/, "$2.$1@")')).toBe("doe.jane@example.com");
    expect(await value('$split("a1b22c", /\\d+/)')).toEqual(["a", "b", "c"]);
    expect(await value('$contains("Checkout STARTED", /started/i)')).toBe(true);
    expect(await value('$count($match("one\\ntwo", /^t/m))')).toBe(1);
    expect(await value('$match("😀 sku-9", /sku-(\\d)/)')).toEqual({ match: "sku-9", index: 3, groups: ["9"] });
    expect(await value('email ~> /@example\\.com$/ ? "internal" : "external"', { email: "a@example.com" })).toBe(
      "internal",
    );
  });

  it("cannot backtrack for ever: a catastrophic pattern answers at once", async () => {
    const started = performance.now();
    expect(await evaluateMapping("$contains(text, /^(a+)+$/)", { text: `${"a".repeat(5_000)}!` })).toEqual({
      ok: true,
      value: false,
    });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("refuses, when compiling, what RE2 cannot run: lookaround and backreferences", () => {
    expect(compileMapping("$match(text, /(?=a)b/)")).toEqual({
      ok: false,
      error: expect.stringMatching(/^the regular expression \/\(\?=a\)b\/ is not supported .*RE2 syntax/),
    });
    expect(compileMapping('$replace(text, /(a)\\1/, "")')).toEqual({
      ok: false,
      error: expect.stringMatching(/backreferences/),
    });
  });
});
