import { and, count, desc, eq, type SQL } from "drizzle-orm";
import { webhookDeliveries } from "@/db/schema";
import { can } from "../auth/permissions";
import { AppError } from "../errors";
import type { WorkspaceScope } from "../scope";
import { loadWebhookSource } from "./load-webhook-source";
import type { GetDeliveryInput, ListDeliveriesInput } from "./schema";

const PREVIEW_CHARS = 300;

/** Payloads are raw customer data: roles without pii:read see that one was kept, not what it holds. */
const mayReadPayloads = (scope: WorkspaceScope) => can(scope.role, "pii:read");

/** One page of a webhook source's deliveries, newest first, with the total for the pager. */
export async function listDeliveries(scope: WorkspaceScope, input: ListDeliveriesInput) {
  await loadWebhookSource(scope.db, scope.workspaceId, input.sourceId);
  const filters: SQL[] = [eq(webhookDeliveries.workspaceId, scope.workspaceId), eq(webhookDeliveries.sourceId, input.sourceId)];
  if (input.status) filters.push(eq(webhookDeliveries.status, input.status));
  const where = and(...filters);
  const [rows, [{ total }]] = await Promise.all([
    scope.db
      .select()
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.receivedAt), desc(webhookDeliveries.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    scope.db.select({ total: count() }).from(webhookDeliveries).where(where),
  ]);
  const showPayload = mayReadPayloads(scope);
  return {
    deliveries: rows.map((d) => ({
      id: d.id,
      receivedAt: d.receivedAt,
      externalId: d.externalId,
      status: d.status,
      error: d.error,
      eventCount: d.eventCount,
      attempts: d.attempts,
      payloadPreview: showPayload ? JSON.stringify(d.payload).slice(0, PREVIEW_CHARS) : null,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** One delivery with its whole payload and kept headers (for "use as sample" in the mapping editor). */
export async function getDelivery(scope: WorkspaceScope, input: GetDeliveryInput) {
  const [row] = await scope.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, scope.workspaceId), eq(webhookDeliveries.sourceId, input.sourceId), eq(webhookDeliveries.id, input.deliveryId)));
  if (!row) throw new AppError("NOT_FOUND", "No such delivery for this source");
  if (!mayReadPayloads(scope)) throw new AppError("FORBIDDEN", `Your role (${scope.role}) may not read payloads (needs pii:read)`);
  return { id: row.id, receivedAt: row.receivedAt, externalId: row.externalId, status: row.status, error: row.error, eventCount: row.eventCount, payload: row.payload, headers: row.headers };
}
