import { createHash, randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "../secrets/encrypt-secret";

/**
 * Write keys identify a source to the tracking API, which looks them up by their SHA-256 hash. An encrypted
 * copy (AES-256-GCM) is kept beside the hash so the roles that manage sources can reveal the key again;
 * the key itself is never stored in clear.
 */
export function generateWriteKey(): { key: string; hash: string; prefix: string; encrypted: string } {
  const key = `wk_${randomBytes(24).toString("base64url")}`;
  return { key, hash: hashWriteKey(key), prefix: key.slice(0, 9), encrypted: encryptSecret(key) };
}

export const hashWriteKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** The key back from its encrypted copy. */
export const openWriteKey = (encrypted: string) => decryptSecret(encrypted);
