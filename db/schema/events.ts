import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { xid8 } from "./xid8";

export const EVENT_TYPES = ["identify", "track", "page", "screen", "group", "alias"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Accepted events, append-only. `raw` is the message exactly as the client sent it (schemaless); the other
 * columns are extracted from it for filtering and for the pipeline. One messageId is stored once per workspace.
 */
export const events = pgTable(
  "events",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    sourceId: uuid("source_id").notNull(),
    messageId: text("message_id").notNull(),
    type: text("type", { enum: EVENT_TYPES }).notNull(),
    /** track: the event name; page/screen: the page or screen name. */
    event: text("event"),
    userId: text("user_id"),
    anonymousId: text("anonymous_id"),
    groupId: text("group_id"),
    previousId: text("previous_id"),
    /** Corrected for client clock skew: receivedAt − (sentAt − originalTimestamp). */
    timestamp: timestamp("timestamp", { withTimezone: true, mode: "string" }).notNull(),
    originalTimestamp: timestamp("original_timestamp", { withTimezone: true, mode: "string" }),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "string" }),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "string" }).notNull(),
    raw: jsonb("raw").notNull(),
    /**
     * The writing transaction's id, filled by the database (one value for all rows of a statement): pipeline
     * consumers read in (txid, id) order below the snapshot horizon, so a row that commits late is never skipped.
     */
    txid: xid8("txid")
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("events_txid_idx").on(t.txid, t.id),
    uniqueIndex("events_message_id_idx").on(t.workspaceId, t.messageId),
    index("events_source_received_idx").on(t.workspaceId, t.sourceId, t.receivedAt),
    index("events_received_idx").on(t.workspaceId, t.receivedAt),
    index("events_user_idx").on(t.workspaceId, t.userId),
    index("events_anonymous_idx").on(t.workspaceId, t.anonymousId),
    index("events_name_idx").on(t.workspaceId, t.event),
  ],
);

/** Events refused at intake, with the reason: shown in the source's live debugger, never silently dropped. */
export const rejectedEvents = pgTable(
  "rejected_events",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    sourceId: uuid("source_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true, mode: "string" }).notNull(),
    reason: text("reason").notNull(),
    /** Position in the batch, when it came in one. */
    batchIndex: integer("batch_index"),
    /** The payload (cut to 32 KB of JSON text when larger). */
    payload: text("payload").notNull(),
    /** The writing transaction's id, as on events: the live debugger reads both below the snapshot horizon. */
    txid: xid8("txid")
      .notNull()
      .default(sql`pg_current_xact_id()`),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("rejected_events_source_idx").on(t.workspaceId, t.sourceId, t.receivedAt),
    index("rejected_events_source_txid_idx").on(t.workspaceId, t.sourceId, t.txid),
  ],
);

/** Observed property paths per source and event, with their JSON types: the seed of the data catalog. */
export const eventCatalog = pgTable(
  "event_catalog",
  {
    workspaceId: uuid("workspace_id").notNull(),
    sourceId: uuid("source_id").notNull(),
    eventType: text("event_type").notNull(),
    /** track event name, page/screen name, or "" for identify/group/alias. */
    eventName: text("event_name").notNull(),
    /** e.g. properties.items[].price, traits.email, context.page.url */
    path: text("path").notNull(),
    /** string, number, boolean, object, array, null */
    valueType: text("value_type").notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
    firstSeen: timestamp("first_seen", { withTimezone: true }).notNull(),
    lastSeen: timestamp("last_seen", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.sourceId, t.eventType, t.eventName, t.path, t.valueType] })],
);
