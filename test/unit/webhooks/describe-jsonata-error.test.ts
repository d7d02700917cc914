import { describe, expect, it } from "vitest";
import { compileMapping, evaluateMapping } from "@/server/webhooks/evaluate-mapping";

const compileError = (text: string) => {
  const compiled = compileMapping(text);
  if (compiled.ok) throw new Error(`expected ${text} not to compile`);
  return compiled.error;
};

describe("mapping errors in words", () => {
  it("S0203: says what is missing, on which line and column, with the line and a caret", () => {
    const text = '{\n  "type": "track",\n  "properties": {"tags": [1, 2}\n}';
    const error = compileError('{\n  "type": "track",\n  "tags": [1, 2');
    expect(error).toBe(
      'line 3, column 16: expected "]" before the end of the expression (S0203)\n    "tags": [1, 2\n                 ^',
    );
    expect(compileError(text)).toMatch(/^line 3, column 31: expected "]" here, but found } \(S0202\)\n/);
  });

  it("S0101, S0106, S0204, S0207, S0211: plain English with the spot", () => {
    expect(compileError('{"event": "Paid}')).toMatch(
      /^line 1, column \d+: a text in quotes is not closed: add the matching quote \(S0101\)/,
    );
    expect(compileError("/* a comment")).toMatch(/^line 1, column 1: a comment is not closed: add \*\/ \(S0106\)/);
    expect(compileError("a ~ b")).toBe("line 1, column 3: ~ is not an operator JSONata knows (S0204)\n  a ~ b\n    ^");
    expect(compileError('"a" & ')).toMatch(
      /^line 1, column 7: the expression ends too early: something is missing at the end \(S0207\)/,
    );
    expect(compileError('{"a": 1,\n "b": $x(}')).toMatch(
      /^line 2, column 10: } cannot start an expression here \(S0211\)\n   "b": \$x\(}\n {11}\^$/,
    );
  });

  it("run-time errors: D3030, T2002, T0410, T1006 name the value or the function and where it is called", async () => {
    const run = async (text: string, payload: unknown = {}) => {
      const result = await evaluateMapping(text, payload);
      if (result.ok) throw new Error(`expected ${text} to fail`);
      return result.error;
    };
    expect(await run('{"n": $number(amount)}', { amount: "abc" })).toMatch(
      /^line 1, column 14: "abc" cannot be turned into a number \(D3030\)\n  \{"n": \$number\(amount\)\}\n {15}\^$/,
    );
    expect(await run('1 + "a"')).toMatch(/^line 1, column 3: the right side of \+ must be a number \(T2002\)/);
    expect(await run("$string(1, 2, 3)")).toMatch(
      /^line 1, column 8: argument 2 of \$string\(\) is not of a type this function takes \(T0410\)/,
    );
    expect(await run("foo()", { foo: 1 })).toMatch(
      /^line 1, column 4: foo is not a function, so it cannot be called \(T1006\)/,
    );
  });

  it("cuts a long line around the spot and marks the cut", () => {
    const text = `{"a": "${"x".repeat(200)}", "b": [1`;
    const [first, excerpt, caret] = compileError(text).split("\n");
    expect(first).toMatch(/^line 1, column 218: expected "\]"/);
    expect(excerpt.length).toBeLessThan(80);
    expect(excerpt).toMatch(/^ {2}….*"b": \[1$/);
    expect(caret.indexOf("^")).toBe(excerpt.length);
  });
});
