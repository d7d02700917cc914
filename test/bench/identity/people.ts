/**
 * The identity benchmark's people and their events, SDK-shaped (analytics.js-like identify, track and page).
 *
 * Person p has an anonymous id per device (`anon-<p>-<d>`), a user id (`user-<p>`) and an email
 * (`person<p>@example.com`). Every 20th person uses two devices: the second device's anonymous id first appears
 * on its own (a profile of its own for a while) and is later joined to the person by an identify carrying the
 * same email (half of them) or the same user id (the other half) — a merge. So once resolved, every person is
 * exactly one profile: the correctness check of the backfill.
 *
 * The backfill is emitted in rounds — round r holds every person's r-th event — so one person's events are a
 * whole round apart and land in different pipeline steps: resolution has to find the stored graph, not just
 * the batch in memory.
 */
const BASE_TIME = Date.UTC(2026, 4, 1);
const CONTEXT = {
  library: { name: "analytics.js", version: "5.2.1" },
  ip: "203.0.113.7",
  locale: "en-US",
  userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
};
const PLANS = ["free", "pro", "team", "enterprise"];
const PAGES = ["/", "/pricing", "/docs", "/blog/launch", "/signup"];
const EVENTS = ["Product Viewed", "Cart Updated", "Order Completed", "Feature Used"];

export const anonymousId = (person: number, device: number) => `anon-${person}-${device}`;
export const userId = (person: number) => `user-${person}`;
export const email = (person: number) => `person${person}@example.com`;
export const isMultiDevice = (person: number) => person % 20 === 0;

type Message = Record<string, unknown>;

function page(messageId: string, at: number, anon: string, user: string | null, i: number): Message {
  const path = PAGES[i % PAGES.length];
  return {
    type: "page",
    messageId,
    anonymousId: anon,
    ...(user ? { userId: user } : {}),
    name: path === "/" ? "Home" : path.slice(1),
    timestamp: new Date(at).toISOString(),
    properties: { path, url: `https://shop.example${path}`, referrer: "https://search.example/" },
    context: CONTEXT,
  };
}

function track(messageId: string, at: number, anon: string, user: string, i: number): Message {
  return {
    type: "track",
    messageId,
    anonymousId: anon,
    userId: user,
    event: EVENTS[i % EVENTS.length],
    timestamp: new Date(at).toISOString(),
    properties: { sku: `sku-${i % 997}`, price: 19.9 + (i % 50), currency: "EUR" },
    context: CONTEXT,
  };
}

function identify(
  messageId: string,
  at: number,
  anon: string,
  ids: { userId?: string; email?: string },
  traits: Record<string, unknown>,
): Message {
  return {
    type: "identify",
    messageId,
    anonymousId: anon,
    ...(ids.userId ? { userId: ids.userId } : {}),
    timestamp: new Date(at).toISOString(),
    traits: { ...(ids.email ? { email: ids.email } : {}), ...traits },
    context: CONTEXT,
  };
}

/**
 * Person p's `slot`-th event. Single device: page (anonymous), identify (anonymous id + user id + email),
 * then track and page as the known user. Two devices: page and identify on the first, then a page on the
 * second (anonymous, a profile of its own), an identify there with the email or the user id only (the merge),
 * then the rest on the second device.
 */
export function personEvent(person: number, slot: number, messageId: string, at: number): Message {
  const n = person * 31 + slot;
  const traits = { name: `Person ${person}`, plan: PLANS[(person + slot) % PLANS.length] };
  const first = anonymousId(person, 0);
  if (slot === 0) return page(messageId, at, first, null, n);
  if (slot === 1) return identify(messageId, at, first, { userId: userId(person), email: email(person) }, traits);
  if (!isMultiDevice(person) || slot > 3) {
    const anon = isMultiDevice(person) ? anonymousId(person, 1) : first;
    return slot % 2 === 0
      ? track(messageId, at, anon, userId(person), n)
      : page(messageId, at, anon, userId(person), n);
  }
  const second = anonymousId(person, 1);
  if (slot === 2) return page(messageId, at, second, null, n);
  // slot 3: the second device is joined to the person.
  const joinBy = person % 40 === 0 ? { email: email(person) } : { userId: userId(person) };
  return identify(messageId, at, second, joinBy, { plan: traits.plan });
}

export interface BackfillPlan {
  people: number;
  /** Events per person (at least 4: a two-device person needs page, identify, page, identify). */
  perPerson: number;
  events: number;
}

export function backfillPlan(events: number, people: number): BackfillPlan {
  const perPerson = Math.max(4, Math.round(events / people));
  return { people, perPerson, events: people * perPerson };
}

/**
 * Bodies of /v1/batch requests holding the whole backfill in order, `size` events each; `next()` returns
 * null once every event has been handed out. Built lazily: a million events never sit in memory at once.
 */
export function backfillBodies(plan: BackfillPlan, size: number, run: string) {
  let index = 0;
  return {
    batches: Math.ceil(plan.events / size),
    next(): string | null {
      if (index >= plan.events) return null;
      const batch: Message[] = [];
      for (let k = 0; k < size && index < plan.events; k++, index++) {
        const slot = Math.floor(index / plan.people);
        const person = index % plan.people;
        batch.push(personEvent(person, slot, `bf-${run}-${person}-${slot}`, BASE_TIME + index * 10));
      }
      return JSON.stringify({ batch });
    },
  };
}

/**
 * Live traffic after the backfill: returning people (any of `people`) browsing and buying as known users, and
 * every tenth event an identify that changes a trait. `probe(messageId)` builds an identify whose `probe`
 * trait is the messageId itself, so the profile shows exactly when that event has been applied.
 */
export function liveTraffic(people: number, run: string) {
  let counter = 0;
  const pick = () => Math.floor(Math.random() * people);
  const now = () => Date.now();
  return {
    event(): Message {
      const n = ++counter;
      const person = pick();
      const id = `lv-${run}-${n}`;
      const anon = anonymousId(person, isMultiDevice(person) && n % 2 === 0 ? 1 : 0);
      if (n % 10 === 0)
        return identify(id, now(), anon, { userId: userId(person) }, { plan: PLANS[n % PLANS.length], visits: n });
      return n % 2 === 0 ? track(id, now(), anon, userId(person), n) : page(id, now(), anon, userId(person), n);
    },
    probe(): { message: Message; messageId: string; person: number } {
      const person = pick();
      const messageId = `pr-${run}-${++counter}`;
      const message = identify(
        messageId,
        now(),
        anonymousId(person, 0),
        { userId: userId(person) },
        { probe: messageId },
      );
      return { message, messageId, person };
    },
    batch(size: number): Message[] {
      return Array.from({ length: size }, () => this.event());
    },
  };
}
