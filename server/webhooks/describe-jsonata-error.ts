/**
 * Turns JSONata's terse errors ("S0203 at 67") into a sentence a person can act on: what is wrong, where
 * (line and column of the expression), and the line itself with a caret under the spot.
 */
interface JsonataFailure {
  code?: string;
  message?: string;
  position?: number;
  token?: unknown;
  value?: unknown;
  index?: unknown;
}

/** Plain words for the common codes; {token}, {value} and {index} are filled from the error. */
const PLAIN: Record<string, string> = {
  S0101: "a text in quotes is not closed: add the matching quote",
  S0102: "this number is too large to be a number",
  S0103: "\\{token} is not an escape JSONata knows inside a text",
  S0104: "a \\u escape needs four hexadecimal digits",
  S0105: "a name in backquotes is not closed: add the matching `",
  S0106: "a comment is not closed: add */",
  S0201: "unexpected {token}: this is not valid JSONata here",
  S0202: "expected {value} here, but found {token}",
  S0203: "expected {value} before the end of the expression",
  S0204: "{token} is not an operator JSONata knows",
  S0205: "unexpected {token} here",
  S0206: "this is not a JSONata expression",
  S0207: "the expression ends too early: something is missing at the end",
  S0208: "a function's parameters must be variables starting with $",
  S0211: "{token} cannot start an expression here",
  S0212: "the left side of := must be a variable starting with $",
  S0214: "the right side of {token} must be a variable starting with $",
  S0301: "a regular expression cannot be empty",
  S0302: "a regular expression is not closed: add the closing /",
  T0410: "argument {index} of ${token}() is not of a type this function takes",
  T0411: "the value given to ${token}() is not of a type this function takes",
  T0412: "the argument of ${token}() must be an array of one type",
  T1003: "the key of an object must be a text, not {value}",
  T1005: "{token} is not a function; write ${token}() to call a function",
  T1006: "{token} is not a function, so it cannot be called",
  T2001: "the left side of {token} must be a number",
  T2002: "the right side of {token} must be a number",
  T2003: "the start of a range (..) must be a whole number",
  T2004: "the end of a range (..) must be a whole number",
  T2009: "the two sides of {token} must both be numbers or both be texts",
  T2010: "{token} compares numbers or texts only",
  D1001: "a number came out too large or not a number",
  D1002: "only a number can be made negative",
  D1012: "the mapping ran longer than its time limit; check for a loop that never ends",
  D1011: "the mapping nests too deeply; check for a function that never stops calling itself",
  D3001: "an infinite or undefined number cannot be turned into text",
  D3030: "{value} cannot be turned into a number",
  D3050: "the function given to $reduce needs at least two parameters",
  D3070: "$sort needs a comparison function when the values are not all numbers or all texts",
};

const show = (value: unknown) => (typeof value === "string" ? JSON.stringify(value).slice(0, 60) : String(value));

function plainWords(e: JsonataFailure): string {
  const template = e.code ? PLAIN[e.code] : undefined;
  const missing = (name: "token" | "value" | "index") =>
    template?.includes(`{${name}}`) && (e[name] === undefined || e[name] === "(end)");
  if (!template || missing("token") || missing("value") || missing("index")) {
    return e.message ?? "the mapping could not be evaluated";
  }
  return template
    .replaceAll("{token}", String(e.token))
    .replaceAll("{value}", show(e.value))
    .replaceAll("{index}", String(e.index));
}

// Narrow enough for the caret to show in the deliveries table without scrolling.
const EXCERPT_WIDTH = 40;

/** "line 3, column 7" and the line (cut around the spot when long) with a caret under it. */
export function locate(text: string, position: number): { line: number; column: number; excerpt: string } {
  const at = Math.max(0, Math.min(text.length, position));
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const lineStart = before.lastIndexOf("\n") + 1;
  const lineEnd = text.indexOf("\n", at) === -1 ? text.length : text.indexOf("\n", at);
  const column = at - lineStart + 1;
  const from = Math.max(lineStart, at - Math.floor(EXCERPT_WIDTH / 2));
  const to = Math.min(lineEnd, from + EXCERPT_WIDTH);
  const shown = text.slice(from, to).replaceAll("\t", " ");
  const lead = from > lineStart ? "…" : "";
  const tail = to < lineEnd ? "…" : "";
  const caret = " ".repeat(lead.length + at - from) + "^";
  return { line, column, excerpt: `  ${lead}${shown}${tail}\n  ${caret}` };
}

/**
 * "line 1, column 12: expected "]" before the end of the expression (S0203)", then the line with a caret.
 * JSONata's `position` is just past the offending token; the caret goes under its last character (or past
 * the end for an expression that ends too early). Without a position (or the text), the sentence alone.
 */
export function describeJsonataError(error: unknown, text?: string): string {
  if (typeof error !== "object" || error === null) return String(error);
  const e = error as JsonataFailure;
  const words = plainWords(e);
  const code = e.code ? ` (${e.code})` : "";
  if (text === undefined || typeof e.position !== "number" || text.length === 0) return `${words}${code}`;
  const spot = e.token === "(end)" ? text.length : Math.max(0, Math.min(text.length - 1, e.position - 1));
  const { line, column, excerpt } = locate(text, spot);
  return `line ${line}, column ${column}: ${words}${code}\n${excerpt}`;
}
