import { createHmac, timingSafeEqual } from "node:crypto";
import { WEBHOOK_LIMITS } from "./limits";
import { signingKey } from "./signing-secret";

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Standard Webhooks headers; Svix sends the same scheme under its own names. */
const HEADER_NAMES = {
  id: ["webhook-id", "svix-id"],
  timestamp: ["webhook-timestamp", "svix-timestamp"],
  signature: ["webhook-signature", "svix-signature"],
} as const;

export function webhookHeader(headers: Headers, which: keyof typeof HEADER_NAMES): string | null {
  for (const name of HEADER_NAMES[which]) {
    const value = headers.get(name);
    if (value !== null && value.trim() !== "") return value.trim();
  }
  return null;
}

/** `v1,<base64>` of HMAC-SHA256 over "{id}.{timestamp}.{body}" — what a sender puts in webhook-signature. */
export function signPayload(secret: string, id: string, timestamp: number | string, body: Buffer | string): string {
  const mac = createHmac("sha256", signingKey(secret)).update(`${id}.${timestamp}.`).update(body).digest("base64");
  return `v1,${mac}`;
}

/**
 * Verifies a Standard Webhooks signature over the body exactly as received (decompressed). The signature
 * header may carry several space-separated signatures (during a sender's key rotation): one match is enough.
 * Timestamps further than the tolerance from `now`, in either direction, are refused (replay protection).
 */
export function verifySignature(
  headers: Headers,
  body: Buffer,
  secret: string,
  now: Date = new Date(),
): SignatureCheck {
  const id = webhookHeader(headers, "id");
  const timestamp = webhookHeader(headers, "timestamp");
  const signature = webhookHeader(headers, "signature");
  const missing = [!id && "webhook-id", !timestamp && "webhook-timestamp", !signature && "webhook-signature"].filter(
    Boolean,
  );
  if (missing.length > 0)
    return { ok: false, reason: `missing signature header${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}` };
  if (!/^\d{1,12}$/.test(timestamp!))
    return { ok: false, reason: "webhook-timestamp must be whole seconds since 1970" };
  const skew = Math.floor(now.getTime() / 1000) - Number(timestamp);
  if (skew > WEBHOOK_LIMITS.signatureToleranceSeconds)
    return {
      ok: false,
      reason: `webhook-timestamp is ${skew} s old; at most ${WEBHOOK_LIMITS.signatureToleranceSeconds} s are accepted`,
    };
  if (-skew > WEBHOOK_LIMITS.signatureToleranceSeconds)
    return {
      ok: false,
      reason: `webhook-timestamp is ${-skew} s in the future; at most ${WEBHOOK_LIMITS.signatureToleranceSeconds} s are accepted`,
    };

  const expected = Buffer.from(signPayload(secret, id!, timestamp!, body).slice(3), "base64");
  const candidates = signature!.split(" ").filter((part) => part.startsWith("v1,"));
  if (candidates.length === 0) return { ok: false, reason: "webhook-signature holds no v1 signature" };
  for (const candidate of candidates) {
    const given = Buffer.from(candidate.slice(3), "base64");
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: "no signature in webhook-signature matches the payload" };
}
