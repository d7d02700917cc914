import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The identity graph and the golden record. Identifiers are nodes (identities); a profile is a connected
 * component of them under merge protection. Merges re-point identities, profile_events and traits; event rows
 * are never touched. Every link and merge keeps the event that made it.
 */
export const profiles = pgTable(
  "profiles",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    firstSeen: timestamp("first_seen", { withTimezone: true, mode: "string" }).notNull(),
    lastSeen: timestamp("last_seen", { withTimezone: true, mode: "string" }).notNull(),
    /** Set when this profile was merged into another: it then holds nothing and points at the survivor. */
    mergedInto: uuid("merged_into"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("profiles_last_seen_idx").on(t.workspaceId, t.lastSeen),
    // A merge re-points every profile merged into the one it absorbs; the metadata API lists them.
    index("profiles_merged_into_idx")
      .on(t.workspaceId, t.mergedInto)
      .where(sql`merged_into IS NOT NULL`),
  ],
);

export const identities = pgTable(
  "identities",
  {
    workspaceId: uuid("workspace_id").notNull(),
    type: text("type").notNull(),
    value: text("value").notNull(),
    profileId: uuid("profile_id").notNull(),
    firstSeen: timestamp("first_seen", { withTimezone: true, mode: "string" }).notNull(),
    lastSeen: timestamp("last_seen", { withTimezone: true, mode: "string" }).notNull(),
    firstEventId: uuid("first_event_id").notNull(),
    sourceId: uuid("source_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.type, t.value] }),
    index("identities_profile_idx").on(t.workspaceId, t.profileId),
  ],
);

/** An event linked two identifiers (each to the event's first kept one): the evidence a merge rests on. */
export const identityLinks = pgTable(
  "identity_links",
  {
    workspaceId: uuid("workspace_id").notNull(),
    fromType: text("from_type").notNull(),
    fromValue: text("from_value").notNull(),
    toType: text("to_type").notNull(),
    toValue: text("to_value").notNull(),
    eventId: uuid("event_id").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.fromType, t.fromValue, t.toType, t.toValue] })],
);

export const profileMerges = pgTable(
  "profile_merges",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    intoProfileId: uuid("into_profile_id").notNull(),
    fromProfileId: uuid("from_profile_id").notNull(),
    eventId: uuid("event_id").notNull(),
    /** The linking event's identifiers, [{type, value}]. */
    identifiers: jsonb("identifiers").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("profile_merges_into_idx").on(t.workspaceId, t.intoProfileId),
  ],
);

/** Which profile each event belongs to: the timeline, re-pointed by merges. */
export const profileEvents = pgTable(
  "profile_events",
  {
    workspaceId: uuid("workspace_id").notNull(),
    eventId: uuid("event_id").notNull(),
    profileId: uuid("profile_id").notNull(),
    timestamp: timestamp("timestamp", { withTimezone: true, mode: "string" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.eventId] }),
    index("profile_events_profile_idx").on(t.workspaceId, t.profileId, t.timestamp),
  ],
);

/** Identifiers an event carried that were not linked: malformed, blocked, or dropped by merge protection. */
export const identityNotes = pgTable(
  "identity_notes",
  {
    workspaceId: uuid("workspace_id").notNull(),
    id: uuid("id").notNull(),
    eventId: uuid("event_id").notNull(),
    type: text("type").notNull(),
    value: text("value"),
    reason: text("reason").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index("identity_notes_event_idx").on(t.workspaceId, t.eventId),
  ],
);

/** The golden record: each trait's surviving value and where it came from. */
export const profileTraits = pgTable(
  "profile_traits",
  {
    workspaceId: uuid("workspace_id").notNull(),
    profileId: uuid("profile_id").notNull(),
    name: text("name").notNull(),
    value: jsonb("value").notNull(),
    eventTime: timestamp("event_time", { withTimezone: true, mode: "string" }).notNull(),
    sourceId: uuid("source_id").notNull(),
    eventId: uuid("event_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.profileId, t.name] })],
);

/** Every value a trait was given, with its source and event: the trait's history. */
export const traitHistory = pgTable(
  "trait_history",
  {
    workspaceId: uuid("workspace_id").notNull(),
    profileId: uuid("profile_id").notNull(),
    eventId: uuid("event_id").notNull(),
    name: text("name").notNull(),
    value: jsonb("value").notNull(),
    eventTime: timestamp("event_time", { withTimezone: true, mode: "string" }).notNull(),
    sourceId: uuid("source_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.eventId, t.name] }),
    index("trait_history_profile_idx").on(t.workspaceId, t.profileId, t.name, t.eventTime),
  ],
);

/** Identifier types and merge protection of a workspace (server/identity/identity-rules.ts); defaults when absent. */
export const identitySettings = pgTable("identity_settings", {
  workspaceId: uuid("workspace_id").primaryKey(),
  rules: jsonb("rules").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
