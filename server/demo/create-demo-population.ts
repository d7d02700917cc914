import { CITIES, FIRST_NAMES, LAST_NAMES, USER_AGENTS, type DemoProduct } from "./demo-shop";
import { createRandom } from "./seeded-random";

export interface DemoVisitor {
  anonymousId: string;
  /** The id and traits the visitor gets once they sign up or buy; before that they are anonymous. */
  userId: string;
  traits: { email: string; firstName: string; lastName: string; name: string; city: string; createdAt?: string };
  identified: boolean;
  userAgent: string;
  locale: string;
  cart: { product: DemoProduct; quantity: number }[];
  orders: number;
}

const LOCALES = ["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "nl-NL"] as const;
const DOMAINS = ["example.com", "example.org", "example.net"] as const;

const hex = (random: () => number, length: number) =>
  Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join("");

/**
 * The demo's visitors, the same for a given seed (the workspace id): ids and names do not change between
 * starts, so history and live traffic belong to the same people. Emails use reserved example domains.
 */
export function createDemoPopulation(seed: string, size = 200): DemoVisitor[] {
  const random = createRandom(`population:${seed}`);
  return Array.from({ length: size }, (_, i) => {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const local = `${firstName}.${lastName}`
      .normalize("NFD")
      .replace(/[^A-Za-z.]/g, "")
      .toLowerCase();
    const r = random.next;
    return {
      anonymousId: `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`,
      userId: `usr_${(10_000 + i).toString(36)}${hex(r, 4)}`,
      traits: {
        email: `${local}${random.int(1, 99)}@${random.pick(DOMAINS)}`,
        firstName,
        lastName,
        name: `${firstName} ${lastName}`,
        city: random.pick(CITIES),
      },
      identified: false,
      userAgent: random.pick(USER_AGENTS),
      locale: random.pick(LOCALES),
      cart: [],
      orders: 0,
    };
  });
}
