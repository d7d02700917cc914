import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships } from "@/db/schema";
import { decoyHash, verifyPassword } from "../auth/password";
import { recordAudit } from "../audit/record-audit";
import { findUserByEmail } from "./find-user";
import { markAttemptSucceeded, reserveAttempt, MAX_FAILED_ATTEMPTS } from "./reserve-attempt";

export { ATTEMPT_WINDOW_MS, MAX_FAILED_ATTEMPTS } from "./reserve-attempt";

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string | null; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "locked" };

/**
 * Checks an email and password. After MAX_FAILED_ATTEMPTS failures for the account or the IP inside the
 * window, every attempt is refused (even with the right password) and the refusal is audited. Each attempt
 * is counted and recorded (as a failure, until the password proves right) before the password is checked,
 * so attempts sent at the same time cannot all slip in under the limit.
 */
export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string; ip: string },
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const user = await findUserByEmail(db, email);

  const attemptId = await reserveAttempt(db, email, input.ip);
  if (!attemptId) {
    const spaces = user
      ? await db
          .select({ id: memberships.workspaceId })
          .from(memberships)
          .where(eq(memberships.userId, user.id))
          .orderBy(memberships.workspaceId)
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
  if (!valid || !user) return { ok: false, reason: "invalid" };
  await markAttemptSucceeded(db, attemptId);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
