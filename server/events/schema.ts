import { z } from "zod";
import { EVENT_TYPES } from "@/db/schema/events";

/**
 * A position in the newest-first order of events: the row's received_at exactly as the database printed it
 * (full precision) and its id as the tie-breaker. Opaque to the browser; it only sends it back.
 */
export const eventCursorSchema = z.object({
  at: z
    .string()
    .max(64)
    .refine((s) => !Number.isNaN(Date.parse(s)), "must be a timestamp"),
  id: z.uuid(),
});

/** Where the live debugger resumes: a position plus the snapshot horizon it was read below (see debuggerFeed). */
export const feedCursorSchema = eventCursorSchema.extend({
  horizon: z
    .string()
    .regex(/^\d{1,20}$/, "must be a transaction id")
    .optional(),
});

export const debuggerFeedSchema = z.object({
  sourceId: z.uuid("must be a source id"),
  /** Only rows written since this cursor was handed out (see debuggerFeed); the latest rows when absent. */
  after: feedCursorSchema.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((s) => s || undefined);

export const listEventsSchema = z
  .object({
    sourceId: z.uuid("must be a source id").optional(),
    type: z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(", ")}` }).optional(),
    /** Event name (track) or page/screen name, matched whole but without case. */
    event: optionalText,
    /** Matches userId or anonymousId exactly; a personal value (email, phone, IP) needs pii:read. */
    user: optionalText,
    /** Received at or after / at or before. */
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    /** The next page: events older than this cursor. */
    before: eventCursorSchema.optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "`from` must not be after `to`", path: ["from"] });

export type EventCursor = z.infer<typeof eventCursorSchema>;
export type FeedCursor = z.infer<typeof feedCursorSchema>;
export type DebuggerFeedInput = z.infer<typeof debuggerFeedSchema>;
export type ListEventsInput = z.infer<typeof listEventsSchema>;
