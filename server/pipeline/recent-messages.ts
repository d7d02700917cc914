import type { EventRow } from "../ingestion/normalize-message";

/**
 * The parsed messages of events this process stored lately, by event id: a consumer that reads only their
 * shape (the event catalog: paths and JSON types, no values) takes them from here instead of reading and parsing
 * each event's raw JSON again — a pipeline step then costs about half. Bounded, oldest dropped first; a message
 * not here (another process stored it, the process restarted, the consumer fell far behind) is read from the
 * database as before. Never a source of truth: the log is.
 */
const LIMIT = 10_000;

// On globalThis: the custom server and Next's bundle load separate copies of this module.
const holder = globalThis as typeof globalThis & { __cdpRecentMessages?: Map<string, Record<string, unknown>> };
const messages = (holder.__cdpRecentMessages ??= new Map());

/** Keeps the messages of rows that were just stored (committed). */
export function rememberMessages(rows: EventRow[]): void {
  for (const row of rows) if (row.message) messages.set(row.id, row.message);
  if (messages.size <= LIMIT) return;
  for (const id of messages.keys()) {
    messages.delete(id);
    if (messages.size <= LIMIT) break;
  }
}

/** The message of a stored event, once (it is dropped as it is taken), or undefined. */
export function takeMessage(id: string): Record<string, unknown> | undefined {
  const message = messages.get(id);
  if (message) messages.delete(id);
  return message;
}
