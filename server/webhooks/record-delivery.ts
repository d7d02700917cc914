import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { webhookDeliveries } from "@/db/schema";
import { appendEvents } from "../ingestion/append-events";
import type { DeliveryHeaders } from "./keep-headers";
import type { MappedDelivery } from "./map-delivery";
import type { UnverifiedBody } from "./unverified-body";

export interface NewDelivery {
  workspaceId: string;
  sourceId: string;
  /** Chosen before mapping, since the events' messageIds may derive from it. */
  id: string;
  receivedAt: Date;
  externalId: string | null;
  /** The request headers worth keeping (see keepHeaders); replays give them to the mapping again. */
  headers: DeliveryHeaders;
}

export const newDeliveryId = (receivedAt: Date) => uuidv7(receivedAt.getTime());

const row = (delivery: NewDelivery) => ({
  workspaceId: delivery.workspaceId,
  id: delivery.id,
  sourceId: delivery.sourceId,
  receivedAt: delivery.receivedAt,
  externalId: delivery.externalId,
  headers: delivery.headers,
});

/**
 * Keeps a verified delivery and what its mapping produced. The payload is stored from its JSON text, so
 * jsonb keeps every digit of its numbers (a JavaScript value would have rounded integers beyond 2^53).
 * The delivery row is written first, so the payload is kept whatever happens next; the refused events go
 * to the source's debugger; the events are stored last (a messageId already stored is skipped). If a later
 * step fails, the delivery row is taken back (best effort) and the error thrown: the caller answers 503 and
 * the sender retries the whole delivery. Returns the number of events that were new.
 */
export async function recordDelivery(
  db: Db,
  delivery: NewDelivery & { payloadText: string },
  mapped: MappedDelivery,
): Promise<number> {
  await db.insert(webhookDeliveries).values({
    ...row(delivery),
    payload: sql`${delivery.payloadText}::jsonb`,
    status: mapped.status,
    error: mapped.error,
    eventCount: mapped.rows.length,
  });
  try {
    const appended = await appendEvents(
      db,
      {
        workspaceId: delivery.workspaceId,
        sourceId: delivery.sourceId,
        rows: mapped.rows,
        rejections: mapped.rejections.map((rejection) => ({ ...rejection, receivedAt: delivery.receivedAt })),
      },
      { write: "direct" },
    );
    return appended.stored;
  } catch (error) {
    await db
      .delete(webhookDeliveries)
      .where(and(eq(webhookDeliveries.workspaceId, delivery.workspaceId), eq(webhookDeliveries.id, delivery.id)))
      .catch(() => {});
    throw error;
  }
}

/**
 * Keeps the trace of a delivery whose signature failed: anyone may post one, so only what helps to
 * diagnose it — its size, content type, a short excerpt and the reason — never the body itself. It is
 * never mapped and cannot be replayed.
 */
export async function recordUnverifiedDelivery(
  db: Db,
  delivery: NewDelivery,
  body: UnverifiedBody,
  reason: string,
): Promise<void> {
  await db
    .insert(webhookDeliveries)
    .values({ ...row(delivery), payload: body, status: "signature_failed", error: reason, eventCount: 0 });
}
