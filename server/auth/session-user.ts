import { auth } from "./nextauth";
import type { SessionUser } from "./resolve-scope";

/** The signed-in console user of the current Next request, or null. */
export async function sessionUser(): Promise<SessionUser | null> {
  const session = await auth();
  return session?.user?.id && session.user.email ? { id: session.user.id, email: session.user.email } : null;
}
