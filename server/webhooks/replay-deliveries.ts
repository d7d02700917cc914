import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { webhookDeliveries } from "@/db/schema";
import { AppError } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { logFailure } from "../http/reply";
import { parseJsonExact } from "../ingestion/parse-json-exact";
import { appendEvents } from "../ingestion/append-events";
import type { EventRow } from "../ingestion/normalize-message";
import type { WorkspaceScope } from "../scope";
import { WEBHOOK_LIMITS } from "./limits";
import { loadWebhookSource } from "./load-webhook-source";
import { mapDelivery, type MappedDelivery } from "./map-delivery";
import type { ReplayInput } from "./schema";

const REPLAYABLE = ["mapping_failed", "rejected"] as const;
const STORE_CHUNK = 1_000;

/** What a replay reads of a delivery; the payload as jsonb's text, so every digit of its numbers survives. */
const REPLAY_COLUMNS = {
  id: webhookDeliveries.id,
  status: webhookDeliveries.status,
  receivedAt: webhookDeliveries.receivedAt,
  externalId: webhookDeliveries.externalId,
  headers: webhookDeliveries.headers,
  payloadText: sql<string>`${webhookDeliveries.payload}::text`,
};

async function loadOne(scope: WorkspaceScope, sourceId: string, deliveryId: string) {
  const [row] = await scope.db
    .select(REPLAY_COLUMNS)
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, scope.workspaceId),
        eq(webhookDeliveries.sourceId, sourceId),
        eq(webhookDeliveries.id, deliveryId),
      ),
    );
  if (!row) throw new AppError("NOT_FOUND", "No such delivery for this source");
  if (row.status === "signature_failed")
    throw new AppError("CONFLICT", "A delivery whose signature failed is never replayed: its sender was not verified");
  return row;
}

/**
 * Re-runs the source's current mapping over kept deliveries: one, or (failed: true) every delivery whose
 * mapping failed or whose events were all refused, oldest first, up to maxReplayBatch per call.
 * Idempotent: the events' messageIds derive from the delivery (its webhook-id or its own id) and their
 * position, so events stored before are skipped and a replay repeated adds nothing. Events stored by an
 * earlier mapping stay as they were (events are append-only). The mapping sees the headers kept with each
 * delivery, so a replay maps as the delivery would have live.
 */
export async function replayDeliveries(scope: WorkspaceScope, input: ReplayInput) {
  try {
    return await replay(scope, input);
  } catch (error) {
    // A driver's or another internal message says nothing useful to the user and may carry SQL or data.
    if (error instanceof AppError) throw error;
    logFailure(`webhook replay of source ${input.sourceId}`, error);
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      "The deliveries could not be replayed right now: their events could not be stored. Nothing was changed; try again in a moment.",
    );
  }
}

async function replay(scope: WorkspaceScope, input: ReplayInput) {
  const source = await loadWebhookSource(scope.db, scope.workspaceId, input.sourceId);
  const failedOnly = and(
    eq(webhookDeliveries.workspaceId, scope.workspaceId),
    eq(webhookDeliveries.sourceId, source.id),
    inArray(webhookDeliveries.status, [...REPLAYABLE]),
  );
  const deliveries =
    "deliveryId" in input
      ? [await loadOne(scope, source.id, input.deliveryId)]
      : await scope.db
          .select(REPLAY_COLUMNS)
          .from(webhookDeliveries)
          .where(failedOnly)
          .orderBy(asc(webhookDeliveries.receivedAt), asc(webhookDeliveries.id))
          .limit(WEBHOOK_LIMITS.maxReplayBatch);
  // Failed deliveries beyond this call's batch (those replayed here and still failing are not "left").
  const [{ failedNow }] =
    "deliveryId" in input
      ? [{ failedNow: 0 }]
      : await scope.db.select({ failedNow: count() }).from(webhookDeliveries).where(failedOnly);
  const remaining = Math.max(0, failedNow - deliveries.length);

  const outcomes: { delivery: (typeof deliveries)[number]; mapped: MappedDelivery }[] = [];
  for (const delivery of deliveries) {
    const mapped = await mapDelivery(source.settings.mapping, parseJsonExact(delivery.payloadText), {
      sourceId: source.id,
      deliveryKey: delivery.externalId ?? delivery.id,
      receivedAt: delivery.receivedAt,
      headers: delivery.headers,
    });
    outcomes.push({ delivery, mapped });
  }

  // Events first (idempotent), then the deliveries' new status with the audit row, in one transaction.
  const rows: EventRow[] = outcomes.flatMap((o) => o.mapped.rows);
  let newEvents = 0;
  for (let i = 0; i < rows.length; i += STORE_CHUNK)
    newEvents += (
      await appendEvents(
        scope.db,
        { workspaceId: scope.workspaceId, sourceId: source.id, rows: rows.slice(i, i + STORE_CHUNK) },
        { write: "direct" },
      )
    ).stored;

  const stillFailing = outcomes.filter((o) => o.mapped.status !== "mapped").length;
  await scope.db.transaction(async (tx) => {
    for (const { delivery, mapped } of outcomes) {
      await tx
        .update(webhookDeliveries)
        .set({
          status: mapped.status,
          error: mapped.error,
          eventCount: mapped.rows.length,
          attempts: sql`${webhookDeliveries.attempts} + 1`,
        })
        .where(and(eq(webhookDeliveries.workspaceId, scope.workspaceId), eq(webhookDeliveries.id, delivery.id)));
    }
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "webhook.replay",
      targetType: "source",
      targetId: source.id,
      after: {
        ...("deliveryId" in input ? { deliveryId: input.deliveryId } : { failed: true }),
        deliveries: outcomes.length,
        stillFailing,
        events: rows.length,
        newEvents,
      },
    });
  });

  return {
    replayed: outcomes.length,
    stillFailing,
    events: rows.length,
    newEvents,
    remaining,
    results: outcomes.slice(0, 50).map((o) => ({
      deliveryId: o.delivery.id,
      status: o.mapped.status,
      error: o.mapped.error,
      events: o.mapped.rows.length,
    })),
  };
}
