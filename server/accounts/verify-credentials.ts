import { and, count, eq, gte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { loginAttempts, memberships } from "@/db/schema";
import { decoyHash, verifyPassword } from "../auth/password";
import { recordAudit } from "../audit/record-audit";
import { findUserByEmail } from "./find-user";

export const MAX_FAILED_ATTEMPTS = 10;
export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid" | "locked" };

async function failuresSince(db: Db, email: string, ip: string, since: Date) {
  const [byEmail] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since)));
  const [byIp] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since)));
  return Math.max(byEmail.n, byIp.n);
}

/**
 * Checks an email and password. After MAX_FAILED_ATTEMPTS failures for the account or the IP inside the
 * window, every attempt is refused (even with the right password) and the refusal is audited.
 */
export async function verifyCredentials(db: Db, input: { email: string; password: string; ip: string }): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(Date.now() - ATTEMPT_WINDOW_MS);
  const user = await findUserByEmail(db, email);

  if ((await failuresSince(db, email, input.ip, since)) >= MAX_FAILED_ATTEMPTS) {
    const spaces = user
      ? await db.select({ id: memberships.workspaceId }).from(memberships).where(eq(memberships.userId, user.id))
      : [];
    for (const ws of spaces.length ? spaces : [{ id: null }]) {
      await recordAudit(db, {
        workspaceId: ws.id,
        actor: { userId: user?.id ?? null, email, ip: input.ip },
        action: "auth.signin_refused",
        targetType: "user",
        targetId: user?.id,
        after: { reason: `more than ${MAX_FAILED_ATTEMPTS} failed attempts in 15 minutes` },
      });
    }
    return { ok: false, reason: "locked" };
  }

  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  const succeeded = Boolean(user) && valid;
  await db.insert(loginAttempts).values({ id: uuidv7(), email, ip: input.ip, succeeded });
  if (!succeeded || !user) return { ok: false, reason: "invalid" };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
