import { createHash } from "node:crypto";
import type { WEBHOOK_DELIVERY_STATUSES } from "@/db/schema/intake";
import { normalizeMessage, type EventRow } from "../ingestion/normalize-message";
import type { Rejection } from "../ingestion/record-rejections";
import { IDENTITY_MAPPING } from "./evaluate-mapping";
import type { DeliveryHeaders } from "./keep-headers";
import { WEBHOOK_LIMITS } from "./limits";
import { runMapping } from "./mapping-pool";

export type MappedStatus = Exclude<(typeof WEBHOOK_DELIVERY_STATUSES)[number], "signature_failed">;

export interface DeliveryContext {
  sourceId: string;
  /** What makes a delivery's events idempotent: the sender's webhook-id, or our own delivery id. */
  deliveryKey: string;
  receivedAt: Date;
  /** The delivery's kept request headers: the mapping's `$headers`. None (a delivery kept before headers were): `{}`. */
  headers?: DeliveryHeaders | null;
}

export interface MappedDelivery {
  status: MappedStatus;
  /** The mapping's error, or a summary of the refused events; null when all went well. */
  error: string | null;
  rows: EventRow[];
  rejections: Rejection[];
}

/**
 * The messageId of the index-th event of a delivery when the mapping names none: the same delivery (re-sent
 * with its webhook-id, or replayed) always yields the same ids, so storing it again adds nothing.
 */
export function deliveryMessageId(sourceId: string, deliveryKey: string, index: number): string {
  return `wh-${createHash("sha256").update(`${sourceId}\n${deliveryKey}\n${index}`).digest("hex").slice(0, 40)}`;
}

function summarise(rejections: Rejection[], total: number): string {
  const shown = rejections.slice(0, 5).map((r) => `#${r.batchIndex}: ${r.reason}`);
  const more = rejections.length > shown.length ? `; and ${rejections.length - shown.length} more` : "";
  return `${rejections.length} of ${total} events refused: ${shown.join("; ")}${more}`;
}

/**
 * Runs the mapping on a payload (on the mapping pool's threads) and normalizes what it produced. A failing
 * mapping is a status with an error text, and the caller keeps the payload either way; the one thing
 * thrown is the pool's AppError SERVICE_UNAVAILABLE when it is full (nothing was evaluated: retry later).
 */
export async function mapDelivery(
  mapping: string | null | undefined,
  payload: unknown,
  context: DeliveryContext,
): Promise<MappedDelivery> {
  const failed = (error: string): MappedDelivery => ({ status: "mapping_failed", error, rows: [], rejections: [] });
  const evaluated = await runMapping(mapping ?? IDENTITY_MAPPING, payload, context.headers ?? {});
  if (!evaluated.ok) return failed(evaluated.error);
  // Plain JSON, as the worker sent it (integers beyond 2^53 were strings of their digits already).
  const output: unknown = evaluated.json === undefined ? undefined : JSON.parse(evaluated.json);
  if (output === undefined || output === null) return { status: "mapped", error: null, rows: [], rejections: [] };
  const produced = Array.isArray(output) ? output : [output];
  if (!Array.isArray(output) && typeof output !== "object") {
    return failed(`the mapping must produce an event object or an array of them, not a ${typeof output}`);
  }
  if (produced.length > WEBHOOK_LIMITS.maxEventsPerDelivery) {
    return failed(
      `the mapping produced ${produced.length} events; one delivery may produce at most ${WEBHOOK_LIMITS.maxEventsPerDelivery}`,
    );
  }

  const rows: EventRow[] = [];
  const rejections: Rejection[] = [];
  produced.forEach((item, index) => {
    const message =
      typeof item === "object" &&
      item !== null &&
      !Array.isArray(item) &&
      (item as Record<string, unknown>).messageId == null
        ? { ...item, messageId: deliveryMessageId(context.sourceId, context.deliveryKey, index) }
        : item;
    const normalized = normalizeMessage(message, { receivedAt: context.receivedAt });
    if (normalized.ok) rows.push(normalized.row);
    else rejections.push({ reason: normalized.reason, batchIndex: index, payload: item });
  });
  if (rejections.length === 0) return { status: "mapped", error: null, rows, rejections };
  return {
    status: rows.length === 0 ? "rejected" : "mapped",
    error: summarise(rejections, produced.length),
    rows,
    rejections,
  };
}
