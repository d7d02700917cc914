import { EVENT_TYPES, type EventType } from "@/db/schema/events";
import { uuidv7 } from "@/db/ids";
import { LIMITS } from "./limits";
import { maskWriteKeys, withoutCredentials } from "./strip-credentials";

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
  /** JSON text of the message as received (credentials removed). */
  raw: string;
  /** The message `raw` was made from, for in-process consumers (the event catalog); never stored as such. */
  message?: Record<string, unknown>;
}

/** Why a message was refused, as a stable code (API error codes) and a sentence for people. */
export type RejectionCode =
  | "invalid_event"
  | "invalid_type"
  | "missing_identity"
  | "missing_event_name"
  | "invalid_message_id"
  | "message_id_too_long"
  | "invalid_timestamp"
  | "event_too_large"
  | "nested_too_deep"
  | "unstorable_text";

export type Normalized = { ok: true; row: EventRow } | { ok: false; code: RejectionCode; reason: string };

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

/** A point in time as epoch milliseconds and its canonical ISO-8601 text. */
interface Instant {
  ms: number;
  iso: string;
}

const MIN_MS = LIMITS.minTimestampMs;
const MAX_MS = LIMITS.maxTimestampMs;
const RANGE = "between 1970-01-01 and 9999-12-31";
const TOO_DEEP = `event nests objects and arrays deeper than the limit of ${LIMITS.maxNestingDepth} levels`;
// Text already in toISOString()'s own form (what SDKs send) is kept as is instead of being formatted again.
const CANONICAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
// The events of a batch usually share the batch's sentAt: remember the last one parsed.
let lastInstantInput: unknown;
let lastInstant: Instant | null = null;

function dateField(key: string, value: unknown): Instant | null | { error: string } {
  if (value === undefined || value === null || value === "") return null;
  if (value === lastInstantInput && lastInstant) return lastInstant;
  const ms = typeof value === "string" ? Date.parse(value) : typeof value === "number" ? value : NaN;
  if (!Number.isFinite(ms)) return { error: `${key} is not a valid ISO-8601 date` };
  if (!(ms >= MIN_MS && ms < MAX_MS)) return { error: `${key} must be a date ${RANGE}` };
  const instant = { ms, iso: typeof value === "string" && CANONICAL.test(value) ? value : new Date(ms).toISOString() };
  lastInstantInput = value;
  lastInstant = instant;
  return instant;
}

const isError = (v: unknown): v is { error: string } => typeof v === "object" && v !== null && "error" in v;
const refuse = (code: RejectionCode, reason: string): Normalized => ({ ok: false, code, reason });

/**
 * Whether a parsed value nests objects and arrays more than `levels` deep (the database parses jsonb
 * recursively, and refuses or fails on deep nesting). Recursion stops at the limit, so it cannot overflow.
 */
function nestsDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestsDeeperThan(value[i], levels - 1)) return true;
    return false;
  }
  for (const key in value) if (nestsDeeperThan((value as Record<string, unknown>)[key], levels - 1)) return true;
  return false;
}

/** JSON text of a message, or null when it cannot be serialised (nesting deep enough to exhaust the stack, say). */
function serialise(message: Record<string, unknown>): string | null {
  try {
    return JSON.stringify(message);
  } catch {
    return null;
  }
}

// A batch's events share one receivedAt: format it once.
let lastReceived = NaN;
let lastReceivedIso = "";
function isoString(date: Date): string {
  if (date.getTime() !== lastReceived) {
    lastReceived = date.getTime();
    lastReceivedIso = date.toISOString();
  }
  return lastReceivedIso;
}

/** Validates one Segment-spec message and derives what is stored. Never throws on bad input. */
export function normalizeMessage(input: unknown, options: NormalizeOptions): Normalized {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return refuse("invalid_event", "an event must be a JSON object");
  const message = withoutCredentials(input as Record<string, unknown>);
  const type = options.type ?? message.type;
  if (typeof type !== "string" || !TYPES.has(type))
    return refuse("invalid_type", `type must be one of ${EVENT_TYPES.join(", ")}`);
  if (options.type && message.type !== undefined && message.type !== options.type) {
    return refuse("invalid_type", `type "${String(message.type)}" does not match the endpoint /v1/${options.type}`);
  }

  const ids = [
    idField(message, "userId"),
    idField(message, "anonymousId"),
    idField(message, "groupId"),
    idField(message, "previousId"),
  ];
  for (const value of ids) if (isError(value)) return refuse("invalid_event", value.error);
  const [userId, anonymousId, groupId, previousId] = ids as (string | null)[];
  if (!userId && !anonymousId) return refuse("missing_identity", "userId or anonymousId is required");
  if (type === "alias" && !previousId) return refuse("invalid_event", "an alias needs previousId");
  if (type === "group" && !groupId) return refuse("invalid_event", "a group call needs groupId");

  let event: string | null = null;
  if (type === "track") {
    if (typeof message.event !== "string" || message.event.trim() === "")
      return refuse("missing_event_name", "a track call needs an event name (event)");
    event = message.event;
  } else if (type === "page" || type === "screen") {
    event = typeof message.name === "string" && message.name !== "" ? message.name : null;
  }

  const messageId = message.messageId ?? uuidv7();
  if (typeof messageId !== "string" || messageId === "")
    return refuse("invalid_message_id", "messageId must be a non-empty string");
  if (messageId.length > LIMITS.maxMessageIdLength)
    return refuse(
      "message_id_too_long",
      `messageId is longer than the limit of ${LIMITS.maxMessageIdLength} characters`,
    );

  const original = dateField("originalTimestamp", message.originalTimestamp ?? message.timestamp);
  const sentAt = dateField("sentAt", message.sentAt ?? options.batchSentAt);
  if (isError(original))
    return refuse(
      "invalid_timestamp",
      original.error.replace("originalTimestamp", message.originalTimestamp ? "originalTimestamp" : "timestamp"),
    );
  if (isError(sentAt)) return refuse("invalid_timestamp", sentAt.error);
  const received = options.receivedAt.getTime();
  // Clock-skew correction: the client's clock is off by (sentAt − receivedAt); shift the event by as much.
  let timestamp: string;
  if (original && sentAt) {
    const corrected = received - (sentAt.ms - original.ms);
    if (!(corrected >= LIMITS.minCorrectedTimestampMs && corrected < MAX_MS)) {
      const reason = `timestamp corrected for the client's clock (receivedAt − sentAt + timestamp) must be a date between 0001-01-01 and 9999-12-31; check sentAt`;
      return refuse("invalid_timestamp", reason);
    }
    timestamp = new Date(corrected).toISOString();
  } else timestamp = original?.iso ?? isoString(options.receivedAt);

  // The message itself when it already says its type and messageId (the usual case): no copy.
  const stored = message.type === type && message.messageId === messageId ? message : { ...message, type, messageId };
  let raw = serialise(stored);
  if (raw === null) {
    return nestsDeeperThan(stored, LIMITS.maxNestingDepth)
      ? refuse("nested_too_deep", TOO_DEEP)
      : refuse("invalid_event", "event cannot be serialised as JSON");
  }
  // A UTF-16 unit is at most 3 UTF-8 bytes: short texts need no byte count.
  if (raw.length * 3 > LIMITS.maxEventBytes && Buffer.byteLength(raw) > LIMITS.maxEventBytes) {
    return refuse("event_too_large", `event is larger than the limit of ${LIMITS.maxEventBytes / 1024} KB`);
  }
  if (raw.includes("\\u") && UNSTORABLE.test(raw))
    return refuse("unstorable_text", "event contains a NUL character or an unpaired surrogate, which cannot be stored");
  if (nestsDeeperThan(stored, LIMITS.maxNestingDepth)) return refuse("nested_too_deep", TOO_DEEP);
  // A write key elsewhere in the message (context.writeKey, say) is masked too.
  raw = maskWriteKeys(raw);

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
      timestamp,
      originalTimestamp: original?.iso ?? null,
      sentAt: sentAt?.iso ?? null,
      receivedAt: isoString(options.receivedAt),
      raw,
      message: stored,
    },
  };
}
