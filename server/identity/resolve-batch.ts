import { identifierKey, type Identifier } from "./extract-identifiers";
import type { EffectiveRules } from "./identity-rules";

const DAY_MS = 86_400_000;

export interface BatchEvent {
  eventId: string;
  /** Event time (ms since epoch): sliding-window limits count identifiers first seen within the window before it. */
  at: number;
  identifiers: Identifier[];
}

export interface KnownIdentity extends Identifier {
  profileId: string;
  firstSeen: number;
}

export interface Merge {
  into: string;
  from: string;
  eventId: string;
  /** The event's identifiers that joined the two profiles. */
  identifiers: Identifier[];
}

export interface Resolution {
  /** Each event's profile (absent for an event left with no identifier). */
  eventProfiles: Map<string, string>;
  newProfiles: { id: string; eventId: string }[];
  newIdentities: (KnownIdentity & { eventId: string })[];
  /** In the order they happened: apply them in this order (a profile merged in may itself be merged later). */
  merges: Merge[];
  dropped: { eventId: string; identifier: Identifier; reason: string }[];
  /** Identifiers an event linked, each to the event's first kept identifier: the evidence of the graph. */
  links: { eventId: string; from: Identifier; to: Identifier }[];
}

/**
 * Deterministic identity resolution of a batch, in memory (union-find over profiles). `known` holds every stored
 * identity of the profiles the batch touches (their limits are counted over all of them). An event's identifiers
 * join one profile; when they belong to several, those merge into the oldest (earliest first-seen identifier,
 * then smallest id). When joining
 * would give a profile more identifiers of a type than its limit allows — two user_ids, say — the event's
 * lowest-priority identifier is dropped (recorded with the reason) and joining is tried again.
 *
 * Without limit conflicts the result is the connected components of the identifiers, whatever the order
 * and batching of the events; with conflicts, arrival order decides, the same way every time.
 */
export function resolveBatch(
  events: BatchEvent[],
  known: KnownIdentity[],
  rules: EffectiveRules,
  newId: () => string,
): Resolution {
  const identityOf = new Map<string, KnownIdentity>(known.map((k) => [identifierKey(k), k]));
  const parent = new Map<string, string>();
  const members = new Map<string, KnownIdentity[]>();
  for (const k of known) {
    parent.set(k.profileId, k.profileId);
    const list = members.get(k.profileId) ?? [];
    list.push(k);
    members.set(k.profileId, list);
  }
  const find = (p: string): string => {
    let root = p;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(p, root);
    return root;
  };
  // The oldest profile survives a merge: the earliest first-seen identifier, then the smaller id.
  const since = (root: string) => Math.min(...(members.get(root) ?? []).map((m) => m.firstSeen));
  const oldestFirst = (a: string, b: string) => since(a) - since(b) || (a < b ? -1 : a > b ? 1 : 0);
  const rank = (type: string) => {
    const i = rules.priority.indexOf(type);
    return i < 0 ? rules.priority.length : i;
  };

  const result: Resolution = {
    eventProfiles: new Map(),
    newProfiles: [],
    newIdentities: [],
    merges: [],
    dropped: [],
    links: [],
  };

  for (const event of events) {
    let kept = [...event.identifiers].sort(
      (a, b) => rank(a.type) - rank(b.type) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    );
    for (;;) {
      const roots = [
        ...new Set(
          kept.flatMap((i) =>
            identityOf.has(identifierKey(i)) ? [find(identityOf.get(identifierKey(i))!.profileId)] : [],
          ),
        ),
      ].sort(oldestFirst);
      const fresh = kept.filter((i) => !identityOf.has(identifierKey(i)));
      const breach = limitBreach(
        roots.flatMap((r) => members.get(r) ?? []),
        fresh,
        event.at,
        rules,
      );
      if (breach && kept.length > 1) {
        const drop = kept[kept.length - 1];
        kept = kept.slice(0, -1);
        result.dropped.push({ eventId: event.eventId, identifier: drop, reason: breach });
        continue;
      }
      if (kept.length === 0) break;
      let target = roots[0];
      if (!target) {
        target = newId();
        parent.set(target, target);
        members.set(target, []);
        result.newProfiles.push({ id: target, eventId: event.eventId });
      }
      for (const other of roots.slice(1)) {
        parent.set(other, target);
        members.get(target)!.push(...(members.get(other) ?? []));
        members.delete(other);
        result.merges.push({ into: target, from: other, eventId: event.eventId, identifiers: kept });
      }
      for (const i of fresh) {
        const identity = { ...i, profileId: target, firstSeen: event.at };
        identityOf.set(identifierKey(i), identity);
        members.get(target)!.push(identity);
        result.newIdentities.push({ ...identity, eventId: event.eventId });
      }
      for (const i of kept.slice(1)) result.links.push({ eventId: event.eventId, from: kept[0], to: i });
      result.eventProfiles.set(event.eventId, target);
      break;
    }
  }
  // Identities learned in this batch point at their final profile.
  for (const identity of result.newIdentities) identity.profileId = find(identity.profileId);
  for (const [eventId, profileId] of result.eventProfiles) result.eventProfiles.set(eventId, find(profileId));
  return result;
}

/** Why the profile made of `existing` plus `fresh` would break a limit, or null. */
function limitBreach(existing: KnownIdentity[], fresh: Identifier[], at: number, rules: EffectiveRules): string | null {
  const byType = new Map<string, number[]>();
  for (const i of existing) byType.set(i.type, [...(byType.get(i.type) ?? []), i.firstSeen]);
  for (const i of fresh) byType.set(i.type, [...(byType.get(i.type) ?? []), at]);
  for (const [type, seen] of byType) {
    const limit = rules.limits[type];
    if (!limit) continue;
    const counted = limit.windowDays ? seen.filter((t) => t >= at - limit.windowDays! * DAY_MS).length : seen.length;
    if (counted > limit.max) {
      const scope = limit.windowDays ? ` first seen within ${limit.windowDays} days` : "";
      return `merge protection: a profile may hold at most ${limit.max} ${type}${limit.max === 1 ? "" : "s"}${scope}, and linking this event's identifiers would give it ${counted}`;
    }
  }
  return null;
}
