import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { AppError } from "../errors";
import { hashPassword } from "../auth/password";
import { recordAudit } from "../audit/record-audit";
import type { Actor } from "../scope";
import { findUserByEmail } from "./find-user";

/** Sets a user's password; audited in each workspace the user belongs to (the hash never enters the log). */
export async function setPassword(db: Db, actor: Actor, input: { email: string; password: string }) {
  const user = await findUserByEmail(db, input.email);
  if (!user) throw new AppError("NOT_FOUND", `No user with email ${input.email}`);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const workspaces = await tx.select({ id: memberships.workspaceId }).from(memberships).where(eq(memberships.userId, user.id));
    for (const ws of workspaces.length ? workspaces : [{ id: null }]) {
      await recordAudit(tx, { workspaceId: ws.id, actor, action: "user.password_set", targetType: "user", targetId: user.id });
    }
  });
  return { id: user.id, email: user.email };
}
