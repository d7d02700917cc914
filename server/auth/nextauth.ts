import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authSecret } from "../env";
import { getDb } from "../database";
import { credentialsSchema } from "../accounts/schema";
import { verifyCredentials } from "../accounts/verify-credentials";
import { sessionVersionOf } from "../accounts/session-version";
import { clientIp } from "./client-ip";
import { SESSION_MAX_AGE, sessionToken } from "./session-cookie";

/** Shown on the sign-in page: too many failures for this account or address. */
class LockedOut extends CredentialsSignin {
  code = "locked";
}

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name?: string | null };
  }
}

// Lazy configuration: the secret may live in the data folder, which `next build` must not touch.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  pages: { signIn: "/signin" },
  // A wrong password is an expected outcome, not a server error worth a stack trace.
  logger: {
    error(error) {
      if (!(error instanceof CredentialsSignin)) console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await verifyCredentials(await getDb(), { ...parsed.data, ip: clientIp(request.headers) });
        if (result.ok)
          return {
            id: result.user.id,
            email: result.user.email,
            name: result.user.name,
            sessionVersion: result.user.sessionVersion,
          };
        if (result.reason === "locked") throw new LockedOut();
        return null;
      },
    }),
  ],
  callbacks: {
    // Runs on every read of the session: a token issued under an older session version (the password has
    // changed since) or for an account that is gone ends here, and next-auth clears its cookie.
    async jwt({ token, user }) {
      if (user?.id && user.email) {
        const version = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        return {
          ...token,
          ...sessionToken({ id: user.id, email: user.email, name: user.name ?? null, sessionVersion: version }),
        };
      }
      if (typeof token.uid !== "string") return null;
      const current = await sessionVersionOf(await getDb(), token.uid);
      return current !== null && current === (typeof token.sv === "number" ? token.sv : 0) ? token : null;
    },
    session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
}));
