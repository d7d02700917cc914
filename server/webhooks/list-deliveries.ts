import { and, count, desc, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { webhookDeliveries } from "@/db/schema";
import { AppError } from "../errors";
import { parseJsonExact } from "../ingestion/parse-json-exact";
import { privacyFor, type Privacy } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";
import { loadWebhookSource } from "./load-webhook-source";
import type { GetDeliveryInput, ListDeliveriesInput } from "./schema";

const PREVIEW_CHARS = 300;

const COLUMNS = getTableColumns(webhookDeliveries);
/**
 * The start of the payload as jsonb's text (every digit of its numbers kept), or of the excerpt kept of a
 * delivery whose signature failed; the whole payload is not read for a list.
 */
const payloadHead = sql<string>`CASE WHEN ${webhookDeliveries.status} = 'signature_failed' THEN left(${webhookDeliveries.payload}->>'excerpt', ${PREVIEW_CHARS}) ELSE left(${webhookDeliveries.payload}::text, ${PREVIEW_CHARS}) END`;

/** Payloads are raw customer data: roles without pii:read see them masked by the PII policy. */

/** One page of a webhook source's deliveries, newest first, with the total for the pager. */
export async function listDeliveries(scope: WorkspaceScope, input: ListDeliveriesInput) {
  await loadWebhookSource(scope.db, scope.workspaceId, input.sourceId);
  const filters: SQL[] = [
    eq(webhookDeliveries.workspaceId, scope.workspaceId),
    eq(webhookDeliveries.sourceId, input.sourceId),
  ];
  if (input.status) filters.push(eq(webhookDeliveries.status, input.status));
  const where = and(...filters);
  const [rows, [{ total }]] = await Promise.all([
    scope.db
      .select({ ...COLUMNS, payloadHead })
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.receivedAt), desc(webhookDeliveries.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    scope.db.select({ total: count() }).from(webhookDeliveries).where(where),
  ]);
  const privacy = privacyFor(scope.role);
  return {
    deliveries: rows.map((d) => ({
      id: d.id,
      receivedAt: d.receivedAt,
      externalId: d.externalId,
      status: d.status,
      error: d.error === null ? null : privacy.text(d.error),
      eventCount: d.eventCount,
      attempts: d.attempts,
      payloadPreview: privacy.readsPii
        ? d.payloadHead
        : JSON.stringify(privacy.value(d.payload)).slice(0, PREVIEW_CHARS),
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/** The payload parsed as a mapping sees it, and as indented text with every digit (jsonb_pretty of the stored value). */
function exactPayload(text: string, pretty: string, privacy: Privacy) {
  const payload = privacy.value(parseJsonExact(text));
  return { payload, payloadText: privacy.readsPii ? pretty : JSON.stringify(payload, null, 2) };
}

/**
 * One delivery with its whole payload and kept headers (for "use as sample" in the mapping editor). The
 * payload is read as jsonb's text: `payloadText` shows it with every digit, `payload` is it parsed as a
 * mapping sees it (integers beyond ±2^53 as strings of their digits).
 */
export async function getDelivery(scope: WorkspaceScope, input: GetDeliveryInput) {
  const [row] = await scope.db
    .select({
      ...COLUMNS,
      payload: sql<string>`${webhookDeliveries.payload}::text`,
      pretty: sql<string>`jsonb_pretty(${webhookDeliveries.payload})`,
    })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, scope.workspaceId),
        eq(webhookDeliveries.sourceId, input.sourceId),
        eq(webhookDeliveries.id, input.deliveryId),
      ),
    );
  if (!row) throw new AppError("NOT_FOUND", "No such delivery for this source");
  const privacy = privacyFor(scope.role);
  const error = row.error === null ? null : privacy.text(row.error);
  return {
    id: row.id,
    receivedAt: row.receivedAt,
    externalId: row.externalId,
    status: row.status,
    error,
    eventCount: row.eventCount,
    ...exactPayload(row.payload, row.pretty, privacy),
    headers: privacy.value(row.headers) as typeof row.headers,
  };
}
