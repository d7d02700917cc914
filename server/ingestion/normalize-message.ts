import { EVENT_TYPES, type EventType } from "@/db/schema/events";
import { uuidv7 } from "@/db/ids";
import { LIMITS } from "./limits";

/** A message ready to store: extracted columns plus its raw JSON text. */
export interface EventRow {
  id: string;
  messageId: string;
  type: EventType;
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  groupId: string | null;
  previousId: string | null;
  timestamp: string;
  originalTimestamp: string | null;
  sentAt: string | null;
  receivedAt: string;
  /** JSON text of the message as received (write key removed). */
  raw: string;
}

export type Normalized = { ok: true; row: EventRow } | { ok: false; reason: string };

export interface NormalizeOptions {
  receivedAt: Date;
  /** The type implied by the endpoint (/v1/track …); batch items carry their own. */
  type?: EventType;
  /** A batch's own sentAt, used when the message has none. */
  batchSentAt?: unknown;
}

const TYPES = new Set<string>(EVENT_TYPES);
// An escape JSON.stringify emits only for what Postgres cannot store: NUL, or half of a surrogate pair.
const UNSTORABLE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

function idField(message: Record<string, unknown>, key: string): string | null | { error: string } {
  const value = message[key];
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return { error: `${key} must be a string` };
  return value;
}

function dateField(message: Record<string, unknown>, key: string, value: unknown = message[key]): Date | null | { error: string } {
  if (value === undefined || value === null || value === "") return null;
  const date = typeof value === "string" || typeof value === "number" ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1970 || date.getUTCFullYear() > 9999) {
    return { error: `${key} is not a valid ISO-8601 date` };
  }
  return date;
}

const isError = (v: unknown): v is { error: string } => typeof v === "object" && v !== null && "error" in v;

/** Validates one Segment-spec message and derives what is stored. Never throws on bad input. */
export function normalizeMessage(input: unknown, options: NormalizeOptions): Normalized {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return { ok: false, reason: "an event must be a JSON object" };
  const { writeKey: _writeKey, ...message } = input as Record<string, unknown>;
  const type = options.type ?? message.type;
  if (typeof type !== "string" || !TYPES.has(type)) return { ok: false, reason: `type must be one of ${EVENT_TYPES.join(", ")}` };
  if (options.type && message.type !== undefined && message.type !== options.type) {
    return { ok: false, reason: `type "${String(message.type)}" does not match the endpoint /v1/${options.type}` };
  }

  const ids = { userId: idField(message, "userId"), anonymousId: idField(message, "anonymousId"), groupId: idField(message, "groupId"), previousId: idField(message, "previousId") };
  for (const value of Object.values(ids)) if (isError(value)) return { ok: false, reason: value.error };
  const { userId, anonymousId, groupId, previousId } = ids as Record<keyof typeof ids, string | null>;
  if (!userId && !anonymousId) return { ok: false, reason: "userId or anonymousId is required" };
  if (type === "alias" && !previousId) return { ok: false, reason: "an alias needs previousId" };
  if (type === "group" && !groupId) return { ok: false, reason: "a group call needs groupId" };

  let event: string | null = null;
  if (type === "track") {
    if (typeof message.event !== "string" || message.event.trim() === "") return { ok: false, reason: "a track call needs an event name (event)" };
    event = message.event;
  } else if (type === "page" || type === "screen") {
    event = typeof message.name === "string" && message.name !== "" ? message.name : null;
  }

  const messageId = message.messageId ?? uuidv7();
  if (typeof messageId !== "string" || messageId === "") return { ok: false, reason: "messageId must be a non-empty string" };
  if (messageId.length > LIMITS.maxMessageIdLength) return { ok: false, reason: `messageId is longer than ${LIMITS.maxMessageIdLength} characters` };

  const original = dateField(message, "originalTimestamp", message.originalTimestamp ?? message.timestamp);
  const sentAt = dateField(message, "sentAt", message.sentAt ?? options.batchSentAt);
  if (isError(original)) return { ok: false, reason: original.error.replace("originalTimestamp", message.originalTimestamp ? "originalTimestamp" : "timestamp") };
  if (isError(sentAt)) return { ok: false, reason: sentAt.error };
  const received = options.receivedAt.getTime();
  // Clock-skew correction: the client's clock is off by (sentAt − receivedAt); shift the event by as much.
  const timestamp = original && sentAt ? new Date(received - (sentAt.getTime() - original.getTime())) : (original ?? options.receivedAt);

  const stored = { ...message, type, messageId };
  const raw = JSON.stringify(stored);
  if (Buffer.byteLength(raw) > LIMITS.maxEventBytes) return { ok: false, reason: `event is larger than the ${LIMITS.maxEventBytes / 1024} KB limit` };
  if (UNSTORABLE.test(raw)) return { ok: false, reason: "event contains a NUL character or an unpaired surrogate, which cannot be stored" };

  return {
    ok: true,
    row: {
      id: uuidv7(received),
      messageId,
      type: type as EventType,
      event,
      userId,
      anonymousId,
      groupId,
      previousId,
      timestamp: timestamp.toISOString(),
      originalTimestamp: original?.toISOString() ?? null,
      sentAt: sentAt?.toISOString() ?? null,
      receivedAt: options.receivedAt.toISOString(),
      raw,
    },
  };
}
