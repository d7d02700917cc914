import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { webhookDeliveries, WEBHOOK_DELIVERY_STATUSES } from "@/db/schema";
import { recordRejections } from "../ingestion/record-rejections";
import { storeEvents } from "../ingestion/store-events";
import type { DeliveryHeaders } from "./keep-headers";
import type { MappedDelivery } from "./map-delivery";

type Status = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export interface NewDelivery {
  workspaceId: string;
  sourceId: string;
  /** Chosen before mapping, since the events' messageIds may derive from it. */
  id: string;
  receivedAt: Date;
  externalId: string | null;
  payload: unknown;
  /** The request headers worth keeping (see keepHeaders); replays give them to the mapping again. */
  headers: DeliveryHeaders;
}

export const newDeliveryId = (receivedAt: Date) => uuidv7(receivedAt.getTime());

/**
 * Keeps a delivery and what its mapping produced. The delivery row is written first, so the payload is kept
 * whatever happens next; the refused events go to the source's debugger; the events are stored last (a
 * messageId already stored is skipped). If a later step fails, the delivery row is taken back (best effort)
 * and the error thrown: the caller answers 503 and the sender retries the whole delivery.
 * Returns the number of events that were new.
 */
export async function recordDelivery(db: Db, delivery: NewDelivery, mapped: MappedDelivery | { status: Extract<Status, "signature_failed">; error: string }): Promise<number> {
  const rows = "rows" in mapped ? mapped.rows : [];
  await db.insert(webhookDeliveries).values({
    workspaceId: delivery.workspaceId,
    id: delivery.id,
    sourceId: delivery.sourceId,
    receivedAt: delivery.receivedAt,
    externalId: delivery.externalId,
    payload: delivery.payload,
    headers: delivery.headers,
    status: mapped.status,
    error: mapped.error,
    eventCount: rows.length,
  });
  if (!("rows" in mapped)) return 0;
  try {
    await recordRejections(db, delivery.workspaceId, delivery.sourceId, delivery.receivedAt, mapped.rejections);
    return (await storeEvents(db, delivery.workspaceId, delivery.sourceId, rows)).size;
  } catch (error) {
    await db
      .delete(webhookDeliveries)
      .where(and(eq(webhookDeliveries.workspaceId, delivery.workspaceId), eq(webhookDeliveries.id, delivery.id)))
      .catch(() => {});
    throw error;
  }
}
