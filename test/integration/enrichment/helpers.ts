import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { rows, type Db } from "@/db/client";
import { identityConsumer } from "@/server/identity/identity-consumer";
import { drainPipeline } from "@/server/pipeline/drain-pipeline";
import { SYSTEM_ACTOR } from "@/server/scope";
import { createSource } from "@/server/sources/create-source";
import { WORKSPACE_COOKIE } from "@/server/trpc/context";
import { handleEnrichmentUpload } from "@/server/enrichment/handle-upload-request";
import { storeMessages } from "../events/seed-events";

export const FIXTURES = path.join(process.cwd(), "test/fixtures/enrichment");
export const fixture = (name: string) => readFileSync(path.join(FIXTURES, name));

/** A website source in the workspace, and people known by their identify calls (resolved into profiles). */
export async function seedPeople(db: Db, workspaceId: string, messages: Record<string, unknown>[]) {
  const scope = { db, workspaceId, role: "owner" as const, actor: SYSTEM_ACTOR };
  const { source } = await createSource(scope, { name: "Website", type: "http" });
  await storeEvents(db, workspaceId, source.id, messages);
  return source.id;
}

let n = 0;
export async function storeEvents(db: Db, workspaceId: string, sourceId: string, messages: Record<string, unknown>[]) {
  await storeMessages(
    db,
    workspaceId,
    sourceId,
    new Date(),
    messages.map((m) => ({ messageId: `enrich-${++n}`, ...m })),
  );
  // Not "until a step finds nothing": on a shared server another database's open transaction holds the horizon.
  await drainPipeline(db, [identityConsumer]);
}

/** The profile holding an identifier. */
export async function profileIdOf(db: Db, workspaceId: string, type: string, value: string) {
  const [row] = await rows<{ profile_id: string }>(
    db,
    sql`SELECT profile_id FROM identities WHERE workspace_id = ${workspaceId} AND type = ${type} AND value = ${value}`,
  );
  return row?.profile_id ?? null;
}

/** A profile's golden record: name → {value, source id}. */
export async function traitsOf(db: Db, workspaceId: string, profileId: string) {
  const found = await rows<{ name: string; value: unknown; source_id: string }>(
    db,
    sql`SELECT name, value, source_id FROM profile_traits WHERE workspace_id = ${workspaceId} AND profile_id = ${profileId}`,
  );
  return Object.fromEntries(found.map((t) => [t.name, { value: t.value, source: t.source_id }]));
}

/** An upload as the console sends it: same origin, the workspace cookie, the options header, the file streamed. */
export function uploadRequest(
  workspaceId: string,
  user: { id: string; email: string } | null,
  body: Buffer | null,
  /** null: no options header. */
  options: unknown,
) {
  const stream =
    body &&
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += 64) controller.enqueue(body.subarray(i, i + 64));
        controller.close();
      },
    });
  const request = new Request("http://localhost/api/enrichment", {
    method: "POST",
    headers: {
      host: "localhost",
      origin: "http://localhost",
      cookie: `${WORKSPACE_COOKIE}=${workspaceId}`,
      "content-type": "text/csv",
      ...(options === null ? {} : { "x-enrichment-options": JSON.stringify(options) }),
    },
    body: stream,
    duplex: "half",
  } as RequestInit);
  return handleEnrichmentUpload(request, user);
}

export const downloadRequest = (workspaceId: string, fileId: string, kind = "unmatched") =>
  new Request(`http://localhost/api/enrichment/${fileId}/rows?kind=${kind}`, {
    headers: { host: "localhost", cookie: `${WORKSPACE_COOKIE}=${workspaceId}` },
  });
