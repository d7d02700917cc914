import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const SOURCE_TYPES = ["http", "webhook", "file"] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Per-type settings, validated by server/sources/schema.ts. */
export interface SourceSettings {
  /** Requests per second per source; absent = no limit. */
  rateLimitPerSecond?: number;
  /** Webhook sources: the mapping (a JSONata expression) from a payload to Segment-shaped events. */
  mapping?: string;
  /** Webhook sources: the Standard Webhooks signing secret, encrypted (see server/secrets). */
  signingSecretEncrypted?: string;
}

export const sources = pgTable(
  "sources",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    id: uuid("id").notNull(),
    type: text("type", { enum: SOURCE_TYPES }).notNull(),
    name: text("name").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** SHA-256 of the write key: what the tracking API looks a key up by. */
    writeKeyHash: text("write_key_hash").notNull(),
    /**
     * The write key encrypted (AES-256-GCM, server/secrets), so owners and admins can reveal it again.
     * Null for keys made before keys were kept this way (they reveal nothing until rotated) and for
     * sources that take no write key (webhook, file).
     */
    writeKeyEncrypted: text("write_key_encrypted"),
    /** The key's first characters, so people can tell keys apart. */
    writeKeyPrefix: text("write_key_prefix").notNull(),
    settings: jsonb("settings").$type<SourceSettings>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex("sources_id_idx").on(t.id),
    uniqueIndex("sources_write_key_hash_idx").on(t.writeKeyHash),
    index("sources_workspace_name_idx").on(t.workspaceId, sql`lower(${t.name})`),
  ],
);
