import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { secretKey } from "../env";

/**
 * Secrets at rest: AES-256-GCM with a random nonce, stored as `v1.<nonce>.<tag>.<ciphertext>` (base64url).
 * "v1" is the key id, so a rotated key can be told apart from the old one.
 */
const KEY_ID = "v1";

export function encryptSecret(plain: string, key: Buffer = secretKey()): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [KEY_ID, nonce, cipher.getAuthTag(), data]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export function decryptSecret(sealed: string, key: Buffer = secretKey()): string {
  const [keyId, nonce, tag, data] = sealed.split(".");
  if (keyId !== KEY_ID || !nonce || !tag || data === undefined) throw new Error("Unrecognised encrypted secret");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
