import { and, count, eq, gte, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { loginAttempts } from "@/db/schema";

export const MAX_FAILED_ATTEMPTS = 10;
export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000;

/**
 * Counts the account's and the address's failures in the window and, below the limit, records this attempt
 * as a failure — one transaction holding an advisory lock per account and per address, so concurrent
 * attempts are counted one after the other and at most MAX_FAILED_ATTEMPTS of them are ever evaluated.
 * Returns the recorded attempt's id, or null when the attempt is refused (locked; nothing recorded).
 * The caller marks the attempt succeeded once the password has been checked.
 */
export async function reserveAttempt(db: Db, email: string, ip: string): Promise<string | null> {
  const since = new Date(Date.now() - ATTEMPT_WINDOW_MS);
  return db.transaction(async (tx) => {
    // Both locks in one statement, in a fixed order (sorted), so two attempts never wait on each other crosswise.
    await tx.execute(
      sql`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(ARRAY[${`signin:email:${email}`}, ${`signin:ip:${ip}`}]::text[]) AS k ORDER BY k`,
    );
    const recentFailure = and(eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since));
    const [counts] = await tx
      .select({
        byEmail: count(sql`CASE WHEN ${loginAttempts.email} = ${email} THEN 1 END`),
        byIp: count(sql`CASE WHEN ${loginAttempts.ip} = ${ip} THEN 1 END`),
      })
      .from(loginAttempts)
      .where(and(recentFailure, or(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip))));
    if (Math.max(counts.byEmail, counts.byIp) >= MAX_FAILED_ATTEMPTS) return null;
    const id = uuidv7();
    await tx.insert(loginAttempts).values({ id, email, ip, succeeded: false });
    return id;
  });
}

/** The reserved attempt turned out right. */
export async function markAttemptSucceeded(db: Db, attemptId: string): Promise<void> {
  await db.update(loginAttempts).set({ succeeded: true }).where(eq(loginAttempts.id, attemptId));
}
