import { CLIENT_IP_HEADER } from "../auth/client-ip";
import { WEBHOOK_LIMITS } from "./limits";

/** A delivery's request headers as kept: lower-cased name → value. */
export type DeliveryHeaders = Record<string, string>;

/** Headers that are always credentials or signatures, or that our own server sets. */
const DROPPED_NAMES = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie", "webhook-signature", CLIENT_IP_HEADER]);

/** Any name holding one of these is taken for a credential or a signature (x-hub-signature-256, x-gitlab-token, x-api-key …). */
const DROPPED_PARTS = ["authorization", "cookie", "signature", "token", "secret", "api-key", "apikey", "hmac", "password", "credential"];

const isDropped = (name: string) => DROPPED_NAMES.has(name) || DROPPED_PARTS.some((part) => name.includes(part));

/**
 * The headers of a delivery that are safe to keep and to hand to its mapping: credentials and signatures
 * are dropped, at most maxKeptHeaders are kept (the first ones, in the order given: a `Headers` object
 * iterates sorted by name), and each value is cut to maxHeaderValueLength. A name given twice keeps both
 * values, joined with ", " as HTTP does.
 */
export function keepHeaders(headers: Iterable<readonly [string, string]>): DeliveryHeaders {
  const kept = new Map<string, string>();
  for (const [rawName, value] of headers) {
    const name = rawName.trim().toLowerCase();
    if (name === "" || isDropped(name)) continue;
    const previous = kept.get(name);
    if (previous === undefined && kept.size >= WEBHOOK_LIMITS.maxKeptHeaders) continue;
    kept.set(name, previous === undefined ? value : `${previous}, ${value}`);
  }
  // Cutting may split a surrogate pair, which jsonb refuses: toWellFormed mends it.
  return Object.fromEntries([...kept].map(([name, value]) => [name, value.slice(0, WEBHOOK_LIMITS.maxHeaderValueLength).toWellFormed()]));
}
