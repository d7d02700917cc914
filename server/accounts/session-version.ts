import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";

/** The user's current session version (raised on every password change), or null when the account is gone. */
export async function sessionVersionOf(db: Db, userId: string): Promise<number | null> {
  const [row] = await db.select({ version: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row?.version ?? null;
}
