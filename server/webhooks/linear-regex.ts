import { RE2JS } from "re2js";

/**
 * The regular expressions of a mapping run on RE2 (re2js), whose matching time grows linearly with the
 * text: a pattern like /(a+)+$/ cannot backtrack for ever and hold the server, which JSONata's own step and
 * clock checks cannot interrupt inside one native RegExp call. RE2 has no lookaround and no backreferences;
 * compileMapping refuses those with a clear message.
 *
 * JSONata builds its regexes with the g flag and drives them like a RegExp: `lastIndex`, then `exec`.
 */
export class LinearRegex {
  lastIndex = 0;
  private readonly pattern: RE2JS;

  constructor(regex: RegExp) {
    const flags = (regex.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (regex.multiline ? RE2JS.MULTILINE : 0);
    this.pattern = RE2JS.compile(regex.source, flags);
  }

  exec(text: string): RegExpExecArray | null {
    const matcher = this.pattern.matcher(text);
    if (this.lastIndex > text.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? undefined);
    this.lastIndex = matcher.end();
    return Object.assign(groups, { index: matcher.start(), input: text }) as RegExpExecArray;
  }
}

/** Why RE2 cannot run a regular expression, or null when it can. */
export function unsupportedRegex(regex: RegExp): string | null {
  try {
    new LinearRegex(regex);
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `the regular expression /${regex.source}/ is not supported (${reason}); mappings use RE2 syntax, without lookaround or backreferences`;
  }
}
