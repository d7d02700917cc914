import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { users } from "@/db/schema";
import { AppError } from "../errors";
import { hashPassword } from "../auth/password";
import { findUserByEmail } from "./find-user";

/** Creates a user account (no workspace yet). The email is unique, case-insensitively. */
export async function createUser(db: Db, input: { email: string; password: string; name?: string | null }) {
  if (await findUserByEmail(db, input.email))
    throw new AppError("CONFLICT", `A user with email ${input.email} already exists`);
  const [user] = await db
    .insert(users)
    .values({
      id: uuidv7(),
      email: input.email.toLowerCase(),
      name: input.name ?? null,
      passwordHash: await hashPassword(input.password),
    })
    .returning({ id: users.id, email: users.email, name: users.name });
  return user;
}
