import { gzipSync } from "node:zlib";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, webhookDeliveries } from "@/db/schema";
import { SYSTEM_ACTOR, type WorkspaceScope } from "@/server/scope";
import { createSource } from "@/server/sources/create-source";
import { handleWebhookRequest } from "@/server/webhooks/handle-webhook-request";
import { signPayload } from "@/server/webhooks/verify-signature";

export const ownerScope = (db: Db, workspaceId: string): WorkspaceScope => ({
  db,
  workspaceId,
  role: "owner",
  actor: SYSTEM_ACTOR,
});

export async function webhookSource(
  db: Db,
  workspaceId: string,
  name: string,
  type: "webhook" | "http" | "file" = "webhook",
) {
  return (await createSource(ownerScope(db, workspaceId), { name, type })).source;
}

export interface PostOptions {
  headers?: Record<string, string>;
  /** Sign with this secret (Standard Webhooks), with this webhook-id and timestamp. */
  sign?: { secret: string; id: string; timestamp?: number };
  gzip?: boolean;
  raw?: string | Buffer;
}

/** Sends a payload to the webhook door as a sender would. */
export async function post(sourceId: string, payload: unknown, options: PostOptions = {}) {
  const text = options.raw ?? JSON.stringify(payload);
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.sign) {
    const timestamp = options.sign.timestamp ?? Math.floor(Date.now() / 1000);
    Object.assign(headers, {
      "webhook-id": options.sign.id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signPayload(options.sign.secret, options.sign.id, timestamp, text),
    });
  }
  let body: BodyInit = typeof text === "string" ? text : new Blob([new Uint8Array(text)]);
  if (options.gzip) {
    body = new Blob([new Uint8Array(gzipSync(Buffer.from(text)))]);
    headers["content-encoding"] = "gzip";
  }
  const response = await handleWebhookRequest(
    new Request(`http://localhost/api/webhooks/${sourceId}`, { method: "POST", headers, body }),
    sourceId,
  );
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } },
  };
}

export const deliveriesOf = (db: Db, workspaceId: string, sourceId: string) =>
  db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.workspaceId, workspaceId), eq(webhookDeliveries.sourceId, sourceId)))
    .orderBy(asc(webhookDeliveries.receivedAt), asc(webhookDeliveries.id));

export const eventsOf = (db: Db, workspaceId: string, sourceId: string) =>
  db
    .select()
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), eq(events.sourceId, sourceId)))
    .orderBy(asc(events.messageId));
