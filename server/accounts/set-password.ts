import type { Db } from "@/db/client";
import { AppError } from "../errors";
import { hashPassword } from "../auth/password";
import type { Actor } from "../scope";
import { findUserByEmail } from "./find-user";
import { storePassword } from "./store-password";

/** Sets a user's password (admin CLI); sessions issued before stop working. Audited in each of the user's workspaces. */
export async function setPassword(db: Db, actor: Actor, input: { email: string; password: string }) {
  const user = await findUserByEmail(db, input.email);
  if (!user) throw new AppError("NOT_FOUND", `No user with email ${input.email}`);
  const passwordHash = await hashPassword(input.password);
  await db.transaction((tx) => storePassword(tx, actor, user.id, passwordHash, "user.password_set"));
  return { id: user.id, email: user.email };
}
