import { describe, expect, it } from "vitest";
import { compileMapping, evaluateMapping } from "@/server/webhooks/evaluate-mapping";

describe("compiling a mapping", () => {
  it("accepts a JSONata expression and reports a syntax error with its code and position", () => {
    expect(compileMapping('{"type": "track", "event": kind}').ok).toBe(true);
    expect(compileMapping('{"type": ')).toEqual({ ok: false, error: expect.stringMatching(/^S0\d{3} at \d+: /) });
    expect(compileMapping("   ")).toEqual({ ok: false, error: "the mapping is empty" });
  });
});

describe("evaluating a mapping within limits", () => {
  it("maps a payload to an object or an array", async () => {
    expect(await evaluateMapping('{"type": "track", "event": kind, "userId": user.id}', { kind: "Paid", user: { id: "u1" } })).toEqual({
      ok: true,
      value: { type: "track", event: "Paid", userId: "u1" },
    });
    const many = await evaluateMapping('items.{"type": "track", "event": "Item", "userId": $$.uid, "properties": {"sku": sku}}', { uid: "u", items: [{ sku: 1 }, { sku: 2 }] });
    expect(many.ok && JSON.parse(JSON.stringify(many.value))).toHaveLength(2);
  });

  it("reports a runtime error with JSONata's code", async () => {
    expect(await evaluateMapping('$number("abc")', {})).toEqual({ ok: false, error: expect.stringMatching(/^D3030/) });
  });

  it("stops an endless loop after the time limit", async () => {
    const started = Date.now();
    const result = await evaluateMapping("($loop := function($i) { $loop($i + 1) }; $loop(0))", {});
    expect(result.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("stops deep recursion, huge sequences and ballooning strings", async () => {
    expect((await evaluateMapping("($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))", {})).ok).toBe(false);
    expect((await evaluateMapping("$count([1..5000000])", {})).ok).toBe(false);
    expect(await evaluateMapping('$reduce([1..40], function($a, $b) { $a & $a }, "x")', {})).toEqual({ ok: false, error: expect.stringMatching(/longer than/) });
    expect((await evaluateMapping('$pad("x", 100000000)', {})).ok).toBe(false);
  });

  it("refuses $eval, which would escape the limits", async () => {
    expect(await evaluateMapping('$eval("1 + 1")', {})).toEqual({ ok: false, error: "$eval is not available in mappings" });
  });
});
