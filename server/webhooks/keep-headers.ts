import { CLIENT_IP_HEADER } from "../auth/client-ip";
import { WEBHOOK_LIMITS } from "./limits";

/** A delivery's request headers as kept: lower-cased name → value. */
export type DeliveryHeaders = Record<string, string>;

/** Headers that are always credentials or signatures, or that our own server sets. */
const DROPPED_NAMES = new Set(["authorization", "proxy-authorization", "set-cookie", CLIENT_IP_HEADER]);

/**
 * A name is taken for a credential or a signature when one of its words (split at "-" and "_") is, or
 * starts or ends with, one of these: x-hub-signature-256, x-gitlab-token, x-api-key, x-api_key, apikey,
 * x-auth, x-access-key, x-auth-token, x-shopify-hmac-sha256, x-webhook-secret, x-user-password …
 * Words like "keyboard" inside a longer word count too (`x-keyed-by`): losing a harmless header is cheap,
 * keeping a credential is not.
 */
const SECRET_WORDS = /key|token|secret|auth|passw|pwd|signature|cookie|hmac|credential|session/;
const isDropped = (name: string) =>
  DROPPED_NAMES.has(name) || name.split(/[-_]+/).some((word) => SECRET_WORDS.test(word));

export interface KeepLimits {
  maxHeaders: number;
  maxValueLength: number;
}

const DEFAULT_LIMITS: KeepLimits = {
  maxHeaders: WEBHOOK_LIMITS.maxKeptHeaders,
  maxValueLength: WEBHOOK_LIMITS.maxHeaderValueLength,
};

/**
 * The headers of a delivery that are safe to keep and to hand to its mapping: credentials and signatures
 * are dropped, at most maxHeaders are kept (the first ones, in the order given: a `Headers` object
 * iterates sorted by name), and each value is cut to maxValueLength. A name given twice keeps both
 * values, joined with ", " as HTTP does.
 */
export function keepHeaders(
  headers: Iterable<readonly [string, string]>,
  limits: KeepLimits = DEFAULT_LIMITS,
): DeliveryHeaders {
  const kept = new Map<string, string>();
  for (const [rawName, value] of headers) {
    const name = rawName.trim().toLowerCase();
    if (name === "" || isDropped(name)) continue;
    const previous = kept.get(name);
    if (previous === undefined && kept.size >= limits.maxHeaders) continue;
    kept.set(name, previous === undefined ? value : `${previous}, ${value}`);
  }
  // Cutting may split a surrogate pair, which jsonb refuses: toWellFormed mends it.
  return Object.fromEntries(
    [...kept].map(([name, value]) => [name, value.slice(0, limits.maxValueLength).toWellFormed()]),
  );
}
