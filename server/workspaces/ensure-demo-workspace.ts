import { randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema";
import { createUser } from "../accounts/create-user";
import { findUserByEmail } from "../accounts/find-user";
import { SYSTEM_ACTOR } from "../scope";
import { createWorkspace } from "./create-workspace";

export interface DemoCredentials {
  workspaceId: string;
  email: string;
  /** Set only when the password was generated here (it is shown once and never stored in clear). */
  generatedPassword: string | null;
}

/** On an empty database, creates the demo workspace and its owner. Returns null when workspaces exist. */
export async function ensureDemoWorkspace(
  db: Db,
  admin: { email?: string; password?: string },
): Promise<DemoCredentials | null> {
  const [{ n }] = await db.select({ n: count() }).from(workspaces);
  if (n > 0) return null;
  const email = (admin.email ?? "admin@example.com").toLowerCase();
  const generatedPassword = admin.password ? null : randomBytes(12).toString("base64url");
  const owner =
    (await findUserByEmail(db, email)) ??
    (await createUser(db, { email, password: admin.password ?? generatedPassword!, name: "Demo Admin" }));
  const workspace = await createWorkspace(db, SYSTEM_ACTOR, { name: "Demo workspace", ownerId: owner.id });
  return { workspaceId: workspace.id, email, generatedPassword };
}
