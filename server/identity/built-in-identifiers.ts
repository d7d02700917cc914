import type { BUILT_IN_TYPES } from "./identity-rules";

/**
 * Where each built-in identifier type is read from in an event, as extract-identifiers.ts reads it (a test
 * sends a value at each place and checks it is found there). Shown read-only on the Identity rules page.
 */
export const BUILT_IN_IDENTIFIERS: { type: (typeof BUILT_IN_TYPES)[number]; readFrom: string[]; note: string }[] = [
  { type: "user_id", readFrom: ["userId"], note: "Your own id for a signed-in person." },
  {
    type: "email",
    readFrom: ["traits.email", "context.traits.email"],
    note: "Trimmed and lower-cased; must look like an email address.",
  },
  {
    type: "phone",
    readFrom: ["traits.phone", "context.traits.phone"],
    note: "Stored in international form (+14155550123); numbers without a country code use the default country.",
  },
  {
    type: "anonymous_id",
    readFrom: ["anonymousId", "previousId (alias calls)"],
    note: "A device or browser, before and after sign-in.",
  },
];

/** Where every custom type is read from besides its own paths (entries of this type: { type, id }). */
export const CUSTOM_TYPES_ALSO_READ_FROM = "context.externalIds";
