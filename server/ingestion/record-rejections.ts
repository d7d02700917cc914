import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { rawQuery } from "@/db/raw-query";
import { LIMITS } from "./limits";
import { redactCredentials, withoutCredentials } from "./strip-credentials";

export interface Rejection {
  reason: string;
  batchIndex: number | null;
  payload: unknown;
}

/**
 * Postgres text cannot hold NUL (nor unpaired surrogates); the cut keeps the debugger's rows small. Write keys
 * are masked first (a cut could leave part of one).
 */
const storable = (text: string) =>
  redactCredentials(text).replaceAll("\u0000", "\uFFFD").slice(0, LIMITS.maxEventBytes).toWellFormed();

function payloadText(payload: unknown): string {
  let text: string;
  try {
    const value =
      typeof payload === "object" && payload !== null && !Array.isArray(payload)
        ? withoutCredentials(payload as Record<string, unknown>)
        : payload;
    text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(payload);
  }
  return storable(text);
}

/** Keeps refused events with their reasons, for the source's live debugger. Credentials are never kept. */
export async function recordRejections(
  db: Db,
  workspaceId: string,
  sourceId: string,
  receivedAt: Date,
  rejections: Rejection[],
): Promise<void> {
  if (rejections.length === 0) return;
  await rawQuery(
    db,
    `INSERT INTO rejected_events (workspace_id, id, source_id, received_at, reason, batch_index, payload)
     SELECT $1::uuid, t.id, $2::uuid, $3::timestamptz, t.reason, t.batch_index, t.payload
     FROM unnest($4::uuid[], $5::text[], $6::int[], $7::text[]) AS t(id, reason, batch_index, payload)`,
    [
      workspaceId,
      sourceId,
      receivedAt.toISOString(),
      rejections.map(() => uuidv7(receivedAt.getTime())),
      // A reason can quote the input (a JSON parser's message does).
      rejections.map((r) => storable(r.reason)),
      rejections.map((r) => r.batchIndex),
      rejections.map((r) => payloadText(r.payload)),
    ],
  );
}
