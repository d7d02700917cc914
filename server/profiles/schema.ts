import { z } from "zod";
import { EVENT_TYPES } from "@/db/schema/events";
import { eventCursorSchema } from "../events/schema";

const optionalText = z
  .string()
  .trim()
  .max(255)
  .optional()
  .transform((s) => s || undefined);

/** Newest activity first: a profile's last_seen as the database printed it, and its id. */
export const profileCursorSchema = z.object({ at: z.string().max(64), id: z.uuid() });

export const searchProfilesSchema = z.object({
  /** An identifier value (exact, emails in any case) or part of a trait value. */
  query: optionalText,
  after: profileCursorSchema.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type SearchProfilesInput = z.infer<typeof searchProfilesSchema>;

export const profileIdSchema = z.object({ profileId: z.uuid("must be a profile id") });

export const profileTimelineSchema = z.object({
  profileId: z.uuid("must be a profile id"),
  type: z.enum(EVENT_TYPES).optional(),
  event: optionalText,
  before: eventCursorSchema.optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type ProfileTimelineInput = z.infer<typeof profileTimelineSchema>;

export const traitHistorySchema = z.object({ profileId: z.uuid(), name: z.string().min(1).max(200) });
