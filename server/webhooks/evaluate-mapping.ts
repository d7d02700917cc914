import jsonata from "jsonata";
import { describeJsonataError } from "./describe-jsonata-error";
import { MAPPING_LIMITS, WEBHOOK_LIMITS } from "./limits";
import { LinearRegex, unsupportedRegex } from "./linear-regex";

export type Compiled = { ok: true; expression: jsonata.Expression } | { ok: false; error: string };
export type Evaluated = { ok: true; value: unknown } | { ok: false; error: string };

/** The expression used when a webhook source has no mapping: the payload is already Segment-shaped. */
export const IDENTITY_MAPPING = "$";

/** The first regular expression of a parsed mapping that RE2 cannot run, as an error text. */
function firstUnsupportedRegex(node: unknown, seen = new Set<unknown>()): string | null {
  if (typeof node !== "object" || node === null || seen.has(node)) return null;
  seen.add(node);
  if (node instanceof RegExp) return unsupportedRegex(node);
  for (const child of Object.values(node)) {
    const error = firstUnsupportedRegex(child, seen);
    if (error) return error;
  }
  return null;
}

/** Parses a mapping; a syntax error or a regular expression RE2 cannot run is returned, never thrown. */
export function compileMapping(text: string): Compiled {
  if (text.trim() === "") return { ok: false, error: "the mapping is empty" };
  if (text.length > WEBHOOK_LIMITS.maxMappingLength)
    return { ok: false, error: `the mapping is longer than ${WEBHOOK_LIMITS.maxMappingLength} characters` };
  let expression: jsonata.Expression;
  try {
    expression = jsonata(text, {
      timeout: MAPPING_LIMITS.timeoutMs,
      stack: MAPPING_LIMITS.maxDepth,
      sequence: MAPPING_LIMITS.maxSequence,
      RegexEngine: LinearRegex as unknown as RegExpConstructor,
    });
  } catch (error) {
    return { ok: false, error: describeJsonataError(error, text) };
  }
  const regexError = firstUnsupportedRegex(expression.ast());
  return regexError ? { ok: false, error: regexError } : { ok: true, expression };
}

class RunawayMapping extends Error {}

const tooLong = (value: unknown) =>
  (typeof value === "string" || Array.isArray(value)) && value.length > MAPPING_LIMITS.maxValueLength;

/**
 * Evaluates a mapping against one payload within MAPPING_LIMITS. Each call compiles its own expression, so
 * the step counter and the clock belong to this evaluation alone. `$eval` is refused: it would run a
 * second expression outside these limits. `bindings` become variables (`{ headers }` is `$headers`).
 */
export async function evaluateMapping(
  text: string,
  payload: unknown,
  bindings: Record<string, unknown> = {},
): Promise<Evaluated> {
  const compiled = compileMapping(text);
  if (!compiled.ok) return compiled;
  const { expression } = compiled;
  const started = Date.now();
  let steps = 0;
  const check = () => {
    if (++steps > MAPPING_LIMITS.maxSteps)
      throw new RunawayMapping(`the mapping took more than ${MAPPING_LIMITS.maxSteps} steps`);
    if (Date.now() - started > MAPPING_LIMITS.timeoutMs)
      throw new RunawayMapping(`the mapping ran longer than ${MAPPING_LIMITS.timeoutMs} ms`);
  };
  expression.assign(Symbol.for("jsonata.__evaluate_entry") as unknown as string, check);
  expression.assign(
    Symbol.for("jsonata.__evaluate_exit") as unknown as string,
    (_node: unknown, _input: unknown, _env: unknown, result: unknown) => {
      if (tooLong(result))
        throw new RunawayMapping(`the mapping built a value longer than ${MAPPING_LIMITS.maxValueLength}`);
    },
  );
  expression.registerFunction("eval", () => {
    throw new RunawayMapping("$eval is not available in mappings");
  });
  try {
    const value = await expression.evaluate(payload, bindings);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof RunawayMapping) return { ok: false, error: error.message };
    if (error instanceof RangeError) return { ok: false, error: `the mapping ran out of room: ${error.message}` };
    return { ok: false, error: describeJsonataError(error, text) };
  }
}
