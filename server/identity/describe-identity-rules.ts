import { effectiveRules, type IdentityRules } from "./identity-rules";

const list = (items: string[], empty: string, sep = ", ") => (items.length ? items.join(sep) : empty);
const strategy = (s: string) => s.replace(/_/g, " ");

/**
 * Identity rules as the audit log shows them: one line of plain text per setting, so a change reads as
 * `blocked values: none → qa@acme.com, /^test-/`. Sources are named, not given as ids.
 */
export function describeIdentityRules(rules: IdentityRules, sourceName: (id: string) => string) {
  return {
    customIdentifierTypes: list(
      rules.customTypes.map((c) => `${c.type} (${list(c.paths, "context.externalIds only")})`),
      "none",
      "; ",
    ),
    blockedValues: list(rules.blocked, "none besides the built-in ones"),
    limits: list(
      Object.entries(rules.limits).map(
        ([type, l]) => `${type} at most ${l.max}${l.windowDays ? ` within ${l.windowDays} days` : ""}`,
      ),
      "the built-in ones",
      "; ",
    ),
    priority: effectiveRules(rules).priority.join(" > "),
    defaultCountry: rules.defaultCountry,
    traitSurvivorship: strategy(rules.survivorship.default),
    traitOverrides: list(
      Object.entries(rules.survivorship.traits).map(([name, s]) => `${name}: ${strategy(s)}`),
      "none",
      "; ",
    ),
    sourcePriority: list(rules.survivorship.sourcePriority.map(sourceName), "none", " > "),
  };
}
