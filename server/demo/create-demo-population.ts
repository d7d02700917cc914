import { CITIES, FIRST_NAMES, LAST_NAMES, USER_AGENTS, type DemoProduct } from "./demo-shop";
import { createRandom } from "./seeded-random";

/** A browser or phone the visitor shops on; its anonymousId is the SDK's, until they sign in there. */
export interface DemoDevice {
  anonymousId: string;
  userAgent: string;
  signedIn: boolean;
}

export interface DemoVisitor {
  /** The first device's anonymousId (malformed demo events use it too). */
  anonymousId: string;
  /** The id and traits the visitor gets once they sign up or buy; before that they are anonymous. */
  userId: string;
  traits: { email: string; firstName: string; lastName: string; name: string; city: string; createdAt?: string };
  identified: boolean;
  userAgent: string;
  /** The first device and, for about one visitor in five, a second one: the demo's cross-device stitching. */
  devices: DemoDevice[];
  locale: string;
  cart: { product: DemoProduct; quantity: number }[];
  orders: number;
}

const LOCALES = ["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "nl-NL"] as const;
const DOMAINS = ["example.com", "example.org", "example.net"] as const;

const hex = (random: () => number, length: number) =>
  Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join("");
const uuid = (r: () => number) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`;
const MOBILE_AGENTS = USER_AGENTS.filter((agent) => agent.includes("Mobile"));

/**
 * The demo's visitors, the same for a given seed (the workspace id): ids and names do not change between
 * starts, so history and live traffic belong to the same people. Emails use reserved example domains.
 */
export function createDemoPopulation(seed: string, size = 200): DemoVisitor[] {
  const random = createRandom(`population:${seed}`);
  // A stream of its own, so adding second devices left every visitor's name and ids as they were.
  const devices = createRandom(`devices:${seed}`);
  return Array.from({ length: size }, (_, i) => {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const local = `${firstName}.${lastName}`
      .normalize("NFD")
      .replace(/[^A-Za-z.]/g, "")
      .toLowerCase();
    const r = random.next;
    const anonymousId = uuid(r);
    const userId = `usr_${(10_000 + i).toString(36)}${hex(r, 4)}`;
    const traits = {
      email: `${local}${random.int(1, 99)}@${random.pick(DOMAINS)}`,
      firstName,
      lastName,
      name: `${firstName} ${lastName}`,
      city: random.pick(CITIES),
    };
    const userAgent = random.pick(USER_AGENTS);
    const first = { anonymousId, userAgent, signedIn: false };
    const second = devices.chance(0.2)
      ? [{ anonymousId: uuid(devices.next), userAgent: devices.pick(MOBILE_AGENTS), signedIn: false }]
      : [];
    return {
      anonymousId,
      userId,
      traits,
      identified: false,
      userAgent,
      devices: [first, ...second],
      locale: random.pick(LOCALES),
      cart: [],
      orders: 0,
    };
  });
}
