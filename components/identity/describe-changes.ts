import type { IdentityRules } from "@/server/identity/identity-rules";
import { priorityOrder, strategyLabel } from "./rules-text";

type Limit = { max: number; windowDays?: number };

export interface ChangeContext {
  defaultLimits: Record<string, Limit>;
  sourceName: (id: string) => string;
  countryName: (code: string) => string;
}

const limitText = (l: Limit | undefined) =>
  l ? `at most ${l.max}${l.windowDays ? ` within ${l.windowDays} days` : ""}` : "no limit";
const sameLimit = (a: Limit | undefined, b: Limit | undefined) => a?.max === b?.max && a?.windowDays === b?.windowDays;
const readFrom = (paths: string[]) => [...paths, "context.externalIds"].join(", ");

/** What saving `draft` over `saved` changes, one sentence per change, for the confirmation dialog. */
export function describeChanges(saved: IdentityRules, draft: IdentityRules, ctx: ChangeContext): string[] {
  const lines: string[] = [];
  const savedTypes = new Map(saved.customTypes.map((c) => [c.type, c.paths]));
  const draftTypes = new Map(draft.customTypes.map((c) => [c.type, c.paths]));
  for (const [type, paths] of draftTypes) {
    const before = savedTypes.get(type);
    if (!before) lines.push(`Add identifier type ${type}, read from ${readFrom(paths)}`);
    else if (before.join() !== paths.join())
      lines.push(`Read ${type} from ${readFrom(paths)} (was ${readFrom(before)})`);
  }
  for (const type of savedTypes.keys()) if (!draftTypes.has(type)) lines.push(`Remove identifier type ${type}`);

  const savedBlocked = new Set(saved.blocked);
  const draftBlocked = new Set(draft.blocked);
  for (const entry of draft.blocked) if (!savedBlocked.has(entry)) lines.push(`Block ${entry}`);
  for (const entry of saved.blocked) if (!draftBlocked.has(entry)) lines.push(`Stop blocking ${entry}`);

  const limitOf = (rules: IdentityRules, type: string) => rules.limits[type] ?? ctx.defaultLimits[type];
  const limitTypes = new Set([...Object.keys(saved.limits), ...Object.keys(draft.limits)]);
  for (const type of limitTypes) {
    if (!draftTypes.has(type) && savedTypes.has(type)) continue; // removed with its type
    const [before, after] = [limitOf(saved, type), limitOf(draft, type)];
    if (!sameLimit(before, after)) lines.push(`${type}: ${limitText(before)} → ${limitText(after)} per profile`);
  }

  // Adding or removing a type changes the order by itself (said above); a reordering by hand is said here.
  const order = (r: IdentityRules) =>
    priorityOrder(
      r.priority,
      r.customTypes.map((c) => c.type),
    );
  const [before, after] = [order(saved), order(draft)];
  const kept = (types: string[], other: string[]) => types.filter((t) => other.includes(t)).join(" > ");
  const reordered = saved.priority.join() !== draft.priority.join() && before.join() !== after.join();
  if (reordered || kept(before, after) !== kept(after, before))
    lines.push(`Priority: ${before.join(" > ")} → ${after.join(" > ")}`);

  if (saved.defaultCountry !== draft.defaultCountry)
    lines.push(
      `Default phone country: ${ctx.countryName(saved.defaultCountry)} → ${ctx.countryName(draft.defaultCountry)}`,
    );

  const [s, d] = [saved.survivorship, draft.survivorship];
  if (s.default !== d.default)
    lines.push(`Traits by default: ${strategyLabel(s.default)} → ${strategyLabel(d.default)}`);
  for (const [name, strategy] of Object.entries(d.traits)) {
    if (s.traits[name] !== strategy)
      lines.push(
        `Trait ${name}: ${s.traits[name] ? strategyLabel(s.traits[name]) : "the default"} → ${strategyLabel(strategy)}`,
      );
  }
  for (const name of Object.keys(s.traits)) if (!(name in d.traits)) lines.push(`Trait ${name}: back to the default`);
  const sources = (ids: string[]) => (ids.length ? ids.map(ctx.sourceName).join(" > ") : "none");
  if (s.sourcePriority.join() !== d.sourcePriority.join())
    lines.push(`Source priority: ${sources(s.sourcePriority)} → ${sources(d.sourcePriority)}`);
  return lines;
}
