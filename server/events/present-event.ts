import { events, type EventType } from "@/db/schema/events";
import type { Role } from "../auth/permissions";
import { privacyFor } from "../privacy/privacy";
import type { EventCursor } from "./schema";

/** An accepted event as the console shows it. `payload` is the raw message (masked without pii:read). */
export interface AcceptedEventView {
  status: "accepted";
  id: string;
  sourceId: string;
  receivedAt: Date;
  cursor: EventCursor;
  type: EventType;
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  messageId: string;
  timestamp: Date;
  payload: unknown;
}

/** An event refused at intake, with the reason. `payload` is the parsed JSON when it parses, else the text. */
export interface RejectedEventView {
  status: "rejected";
  id: string;
  sourceId: string;
  receivedAt: Date;
  cursor: EventCursor;
  reason: string;
  batchIndex: number | null;
  payload: unknown;
}

export type EventView = AcceptedEventView | RejectedEventView;

/** The columns of an accepted event that the debugger and the explorer read. */
export const ACCEPTED_COLUMNS = {
  id: events.id,
  sourceId: events.sourceId,
  receivedAt: events.receivedAt,
  type: events.type,
  event: events.event,
  userId: events.userId,
  anonymousId: events.anonymousId,
  messageId: events.messageId,
  timestamp: events.timestamp,
  raw: events.raw,
};

export interface AcceptedRow {
  id: string;
  sourceId: string;
  receivedAt: string;
  type: EventType;
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  messageId: string;
  timestamp: string;
  raw: unknown;
}

export interface RejectedRow {
  id: string;
  sourceId: string;
  receivedAt: string;
  reason: string;
  batchIndex: number | null;
  payload: string;
}

/** Timestamps arrive as Postgres prints them ("2024-05-01 10:00:00.123456+00"); Date keeps milliseconds. */
const toDate = (text: string) => new Date(text.replace(" ", "T").replace(/([+-]\d\d)$/, "$1:00"));

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Without pii:read, every field that can carry personal data goes through the PII policy (ids too: an email is often sent as one). */
export function presentAccepted(row: AcceptedRow, role: Role): AcceptedEventView {
  const privacy = privacyFor(role);
  return {
    status: "accepted",
    id: row.id,
    sourceId: row.sourceId,
    receivedAt: toDate(row.receivedAt),
    cursor: { at: row.receivedAt, id: row.id },
    type: row.type,
    event: row.event === null ? null : privacy.text(row.event),
    userId: privacy.id(row.userId),
    anonymousId: privacy.id(row.anonymousId),
    messageId: row.messageId,
    timestamp: toDate(row.timestamp),
    payload: privacy.value(row.raw),
  };
}

export function presentRejected(row: RejectedRow, role: Role): RejectedEventView {
  const privacy = privacyFor(role);
  const payload = parsePayload(row.payload);
  return {
    status: "rejected",
    id: row.id,
    sourceId: row.sourceId,
    receivedAt: toDate(row.receivedAt),
    cursor: { at: row.receivedAt, id: row.id },
    reason: privacy.text(row.reason),
    batchIndex: row.batchIndex,
    payload: typeof payload === "string" ? privacy.text(payload) : privacy.value(payload),
  };
}
