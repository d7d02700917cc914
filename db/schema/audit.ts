import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only record of every mutation. The database refuses UPDATE and DELETE on it (trigger in the
 * migrations). workspace_id is null only for events outside any workspace, such as a refused sign-in.
 *
 * Tamper evidence (server/audit/chain-hash.ts): the rows of one workspace (and those of no workspace) form a
 * chain: `chain_seq` numbers them 1, 2, 3 …, `prev_hash` is the hash of the row before, and `hash` is an HMAC
 * (key derived from CDP_SECRET_KEY, which the database never sees) over the row and `prev_hash`. A row
 * changed, deleted or moved after the fact breaks the chain; `npm run cdp -- audit:verify` finds where.
 * Rows written before the chain existed have no chain columns.
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
    chainSeq: bigint("chain_seq", { mode: "number" }),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("audit_log_workspace_at_idx").on(t.workspaceId, t.at),
    index("audit_log_workspace_action_idx").on(t.workspaceId, t.action),
    uniqueIndex("audit_log_workspace_chain_idx").on(t.workspaceId, t.chainSeq),
  ],
);
