import { randomBytes } from "node:crypto";

/** Standard Webhooks secrets look like `whsec_<base64>`; the base64 part is the HMAC key. */
export const SECRET_PREFIX = "whsec_";

export function generateSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

/** The HMAC key of a secret (its base64 part decoded). */
export function signingKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
}
