import { index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only record of every mutation. The database refuses UPDATE and DELETE on it (trigger in the
 * migrations). workspace_id is null only for events outside any workspace, such as a refused sign-in.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid("id").primaryKey(),
    workspaceId: uuid("workspace_id"),
    actorId: uuid("actor_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    summary: jsonb("summary").$type<{ before?: unknown; after?: unknown }>().notNull().default({}),
    ip: text("ip"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_workspace_at_idx").on(t.workspaceId, t.at), index("audit_log_workspace_action_idx").on(t.workspaceId, t.action)],
);
