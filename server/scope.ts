import type { Db } from "@/db/client";
import type { Role } from "./auth/permissions";

/** Who is acting: a console user, the CLI, or the system itself. */
export interface Actor {
  userId: string | null;
  email: string | null;
  ip: string | null;
}

/** What every workspace-owned domain function receives: every query it makes is scoped to workspaceId. */
export interface WorkspaceScope {
  db: Db;
  workspaceId: string;
  role: Role;
  actor: Actor;
}

export const SYSTEM_ACTOR: Actor = { userId: null, email: "system", ip: null };
export const cliActor = (): Actor => ({ userId: null, email: "cli", ip: null });
