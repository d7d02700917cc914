import { createHash } from "node:crypto";
import { coerceCell, parseTimestamp } from "./cell-values";
import type { ImportFormat, ImportMapping } from "./schema";

export interface RowContext {
  sourceId: string;
  importId: string;
  fileName: string;
  format: ImportFormat;
  rowNumber: number;
}

export type RowMessage = { ok: true; message: Record<string, unknown> } | { ok: false; error: string };

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** A column's value: CSV by column name; NDJSON by key, or by a dotted path into nested objects. */
function valueAt(record: Record<string, unknown>, column: string): unknown {
  if (Object.hasOwn(record, column)) return record[column];
  if (!column.includes(".")) return undefined;
  let value: unknown = record;
  for (const key of column.split(".")) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/**
 * The anonymousId of a row that has an email but no user id (an event needs one of the two). Never the email
 * itself — anonymousIds are shown, exported and sent to destinations as opaque ids, not as personal data —
 * but a hash of it: the same email always gives the same id, so the rows of one person still belong
 * together, and the email itself travels only in traits (identify) or context.traits (track).
 */
export function anonymousIdForEmail(email: string): string {
  return `email-${createHash("sha256").update(`email:${email}`).digest("hex").slice(0, 32)}`;
}

/** JSON with object keys sorted at every level: the same content always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The columns that become traits or properties: the chosen ones, or every column not mapped otherwise. */
export function dataColumns(mapping: ImportMapping, header: readonly string[]): string[] {
  if (mapping.columns) return mapping.columns;
  const used = new Set([
    mapping.userIdColumn,
    mapping.emailColumn,
    mapping.timestampColumn,
    mapping.messageIdColumn,
    mapping.eventColumn,
  ]);
  return header.filter((c) => !used.has(c));
}

/**
 * One row as a Segment message (identify or track), or why it cannot be one. Without a messageId column,
 * the messageId hashes the source and the row's mapped content (not its position, not the import), so
 * importing the same rows again — alone or inside a larger file — adds nothing.
 */
export function rowToMessage(
  record: Record<string, unknown>,
  mapping: ImportMapping,
  columns: readonly string[],
  context: RowContext,
): RowMessage {
  const read = (column: string) => {
    const value = valueAt(record, column);
    return context.format === "csv" && mapping.coerce && typeof value === "string" ? coerceCell(value) : value;
  };
  const text = (column: string | undefined) =>
    column && !isBlank(valueAt(record, column)) ? String(valueAt(record, column)).trim() : null;

  const userId = text(mapping.userIdColumn);
  const rawEmail = text(mapping.emailColumn);
  const email = rawEmail?.toLowerCase() ?? null;
  if (email && !EMAIL.test(email))
    return { ok: false, error: `column "${mapping.emailColumn}": "${rawEmail}" is not an email address` };
  if (!userId && !email) {
    const named = [mapping.userIdColumn, mapping.emailColumn].filter(Boolean).map((c) => `"${c}"`);
    return { ok: false, error: `no user: ${named.join(" and ")} ${named.length > 1 ? "are" : "is"} empty` };
  }

  let timestamp: string | null = null;
  if (mapping.timestampColumn && !isBlank(valueAt(record, mapping.timestampColumn))) {
    const date = parseTimestamp(valueAt(record, mapping.timestampColumn));
    if (!date)
      return {
        ok: false,
        error: `column "${mapping.timestampColumn}": "${String(valueAt(record, mapping.timestampColumn))}" is not an ISO-8601 date or a Unix time`,
      };
    timestamp = date.toISOString();
  }

  let event: string | null = null;
  if (mapping.mode === "track") {
    event = mapping.eventName ?? text(mapping.eventColumn);
    if (!event) return { ok: false, error: `column "${mapping.eventColumn}": the event name is empty` };
  }

  const data: Record<string, unknown> = Object.create(null);
  for (const column of columns) {
    const value = read(column);
    if (!isBlank(value)) data[column] = value;
  }

  let messageId: string;
  if (mapping.messageIdColumn) {
    const given = text(mapping.messageIdColumn);
    if (!given) return { ok: false, error: `column "${mapping.messageIdColumn}": the messageId is empty` };
    messageId = given;
  } else {
    const content = canonical({ type: mapping.mode, event, userId, email, timestamp, data });
    messageId = `file-${createHash("sha256").update(`${context.sourceId}\n${content}`).digest("hex").slice(0, 40)}`;
  }

  const identity = {
    ...(userId ? { userId } : {}),
    ...(!userId && email ? { anonymousId: anonymousIdForEmail(email) } : {}),
  };
  const origin = { import: { id: context.importId, file: context.fileName, row: context.rowNumber } };
  const message: Record<string, unknown> =
    mapping.mode === "identify"
      ? { type: "identify", ...identity, traits: { ...data, ...(email ? { email } : {}) }, context: origin }
      : {
          type: "track",
          event,
          ...identity,
          properties: { ...data },
          context: { ...origin, ...(email ? { traits: { email } } : {}) },
        };
  if (timestamp) message.timestamp = timestamp;
  message.messageId = messageId;
  return { ok: true, message };
}
