import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { AppError } from "../errors";
import { hashPassword, verifyPassword } from "../auth/password";
import type { Actor } from "../scope";
import { markAttemptSucceeded, reserveAttempt, MAX_FAILED_ATTEMPTS } from "./reserve-attempt";
import { storePassword } from "./store-password";
import type { ChangePasswordInput } from "./schema";

/**
 * A member changes their own password. The current password is checked under the sign-in limit (a wrong
 * one counts as a failed sign-in), so a borrowed session cannot guess it. Every other session of the user
 * ends; the caller re-issues the current one under the returned session version.
 */
export async function changeOwnPassword(db: Db, actor: Actor, userId: string, input: ChangePasswordInput) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("NOT_FOUND", "Your account no longer exists");
  const attemptId = await reserveAttempt(db, user.email, actor.ip ?? "unknown");
  if (!attemptId)
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `More than ${MAX_FAILED_ATTEMPTS} failed attempts in 15 minutes: try again later`,
    );
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    throw new AppError("BAD_REQUEST", "currentPassword: this is not your current password");
  }
  await markAttemptSucceeded(db, attemptId);
  if (input.newPassword === input.currentPassword)
    throw new AppError("BAD_REQUEST", "newPassword: must differ from the current password");
  const passwordHash = await hashPassword(input.newPassword);
  const sessionVersion = await db.transaction((tx) =>
    storePassword(tx, actor, user.id, passwordHash, "user.password_change"),
  );
  return { user: { id: user.id, email: user.email, name: user.name }, sessionVersion };
}
