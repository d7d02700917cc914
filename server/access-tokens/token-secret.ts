import { createHash, randomBytes } from "node:crypto";

/**
 * Access tokens: `pat_` + 32 random bytes (base64url, 43 characters). Only the SHA-256 of a token is stored.
 *
 * A fast hash is the right tool here, unlike for passwords: a slow hash (scrypt, argon2) protects secrets people
 * choose, which are few enough to guess through a stolen hash. A token has 256 random bits, so no list of guesses
 * reaches it however fast each guess is; SHA-256 is then as safe as a slow hash, and it lets every request find
 * its token with one indexed lookup, at no CPU cost — which a salted, deliberately slow hash could not do.
 */
export const TOKEN_PREFIX = "pat_";

export function generateAccessToken(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashAccessToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 4) };
}

export const hashAccessToken = (token: string) => createHash("sha256").update(token).digest("hex");
