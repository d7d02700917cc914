import { createHash, randomBytes } from "node:crypto";

/** Write keys identify a source to the tracking API. Only their hash is stored. */
export function generateWriteKey(): { key: string; hash: string; prefix: string } {
  const key = `wk_${randomBytes(24).toString("base64url")}`;
  return { key, hash: hashWriteKey(key), prefix: key.slice(0, 9) };
}

export const hashWriteKey = (key: string) => createHash("sha256").update(key).digest("hex");
