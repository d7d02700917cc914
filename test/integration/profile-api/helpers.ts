import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import { createAccessToken } from "@/server/access-tokens/create-access-token";
import { identityConsumer } from "@/server/identity/identity-consumer";
import { drainPipeline } from "@/server/pipeline/drain-pipeline";
import { SYSTEM_ACTOR } from "@/server/scope";
import { basicAuth, createTestSource, post, type TestSource } from "../ingestion/tracking-server";

/** A workspace with an http source and a profiles:read token. */
export interface ApiWorkspace extends TestSource {
  token: string;
  tokenId: string;
}

export async function apiWorkspace(db: Db): Promise<ApiWorkspace> {
  const source = await createTestSource(db);
  const scope = { db, workspaceId: source.workspaceId, role: "owner" as const, actor: SYSTEM_ACTOR };
  const made = await createAccessToken(scope, { name: "Personalisation", scopes: ["profiles:read"] });
  return { ...source, token: made.token, tokenId: made.id };
}

/**
 * Sends messages through the real tracking API (one batch), then runs the identity pipeline until it has read
 * every stored event. On Postgres a step may find nothing yet while another connection's transaction holds the
 * snapshot horizon back (the cursor never reads past it), so it is stepped until no event is left behind it.
 */
export async function ingest(baseUrl: string, db: Db, ws: TestSource, messages: Record<string, unknown>[]) {
  const sent = await post(`${baseUrl}/v1/batch`, { batch: messages }, { authorization: basicAuth(ws.writeKey) });
  if (sent.status !== 200 || (sent.json?.accepted as number) !== messages.length)
    throw new Error(`the tracking API refused the batch: ${sent.status} ${JSON.stringify(sent.json)}`);
  const deadline = Date.now() + 10_000;
  for (;;) {
    await drainPipeline(db, [identityConsumer]);
    const [left] = await rows<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM events e, pipeline_cursors c
          WHERE c.consumer = ${identityConsumer.id} AND (e.txid, e.id) > (c.txid, c.event_id)`,
    );
    if (left.n === 0) return;
    if (Date.now() > deadline) throw new Error(`the identity pipeline left ${left.n} event(s) unread`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const basic = (token: string) => ({ authorization: basicAuth(token) });

/** GET on the Profile API; status, headers and JSON body. */
export async function get(url: string, headers: Record<string, string> = {}, method = "GET") {
  const response = await fetch(url, { method, headers });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : null,
  };
}
