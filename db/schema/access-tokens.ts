import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { workspaces } from "./workspaces";

/** What a workspace access token may do. Extend this list (and server/access-tokens/schema.ts) for new APIs. */
export const ACCESS_TOKEN_SCOPES = ["profiles:read"] as const;
export type AccessTokenScope = (typeof ACCESS_TOKEN_SCOPES)[number];

/**
 * Workspace access tokens for the Profile API (server/profile-api). Only the token's SHA-256 is stored — it is
 * shown once, when created — plus its first characters so people can tell tokens apart. A revoked token keeps
 * its row (revoked_at set) so the console and the audit log can still name it.
 */
export const accessTokens = pgTable(
  "access_tokens",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    name: text("name").notNull(),
    scopes: text("scopes").array().$type<AccessTokenScope[]>().notNull(),
    /** SHA-256 (hex) of the token: what a request's token is looked up by. */
    tokenHash: text("token_hash").notNull(),
    /** The token's first characters ("pat_AbCd"), never enough to use it. */
    tokenPrefix: text("token_prefix").notNull(),
    /** The member who made it; null when it was made on the command line. */
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Refreshed at most once a minute per token (server/access-tokens/touch-access-token.ts). */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("access_tokens_hash_idx").on(t.tokenHash),
    index("access_tokens_workspace_created_idx").on(t.workspaceId, t.createdAt),
  ],
);
