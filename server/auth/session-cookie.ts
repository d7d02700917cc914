import { encode } from "next-auth/jwt";
import { authSecret } from "../env";
import { readCookie } from "../http/cookies";

/** Session lifetime, seconds; next-auth's configuration uses the same. */
export const SESSION_MAX_AGE = 12 * 60 * 60;
const PLAIN = "authjs.session-token";
const SECURE = `__Secure-${PLAIN}`;

export interface SessionClaims {
  id: string;
  email: string;
  name: string | null;
  sessionVersion: number;
}

/** The claims next-auth's jwt callback puts in a session token (sub and uid: the user's id; sv: the session version). */
export function sessionToken(claims: SessionClaims) {
  return { sub: claims.id, uid: claims.id, email: claims.email, name: claims.name, sv: claims.sessionVersion };
}

/**
 * A fresh session cookie for the request's current session, under the same name it came with (Secure or
 * not): used after the member changed their own password, which ended every session issued before.
 * Null when the request carried no session cookie.
 */
export async function reissuedSessionCookie(requestHeaders: Headers, claims: SessionClaims): Promise<string | null> {
  const name =
    readCookie(requestHeaders, SECURE) !== null ? SECURE : readCookie(requestHeaders, PLAIN) !== null ? PLAIN : null;
  if (!name) return null;
  const value = await encode({
    token: sessionToken(claims),
    secret: authSecret(),
    salt: name,
    maxAge: SESSION_MAX_AGE,
  });
  const expires = new Date(Date.now() + SESSION_MAX_AGE * 1000).toUTCString();
  return `${name}=${value}; Path=/; Expires=${expires}; HttpOnly; SameSite=Lax${name === SECURE ? "; Secure" : ""}`;
}
