import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, events, fileImportErrors } from "@/db/schema";
import { runImport } from "@/server/imports/run-import";
import { startImportSchema } from "@/server/imports/schema";
import { SYSTEM_ACTOR, type WorkspaceScope } from "@/server/scope";
import { createSource } from "@/server/sources/create-source";

export const FIXTURES = path.join(process.cwd(), "test/fixtures/imports");
export const ownerScope = (db: Db, workspaceId: string): WorkspaceScope => ({
  db,
  workspaceId,
  role: "owner",
  actor: SYSTEM_ACTOR,
});

export async function fileSource(db: Db, workspaceId: string, name: string, type: "file" | "webhook" = "file") {
  return (await createSource(ownerScope(db, workspaceId), { name, type })).source;
}

/** Bytes in chunks of `size`, like a network upload. */
export async function* chunked(bytes: Buffer, size = 4096): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Imports a text (or a fixture file) with a mapping, as the upload route and the CLI do. */
export async function importText(
  db: Db,
  workspaceId: string,
  sourceId: string,
  content: string | { fixture: string },
  options: { format: "csv" | "ndjson"; mapping: object; fileName?: string; totalBytes?: number | null },
) {
  const input = startImportSchema.parse({
    sourceId,
    fileName: options.fileName ?? (typeof content === "string" ? `data.${options.format}` : content.fixture),
    format: options.format,
    mapping: options.mapping,
  });
  if (typeof content === "string") {
    const bytes = Buffer.from(content);
    return runImport(ownerScope(db, workspaceId), input, chunked(bytes, 1000), {
      totalBytes: options.totalBytes === undefined ? bytes.length : options.totalBytes,
    });
  }
  const file = path.join(FIXTURES, content.fixture);
  return runImport(ownerScope(db, workspaceId), input, createReadStream(file, { highWaterMark: 64 }), {
    totalBytes: statSync(file).size,
  });
}

export const eventsOf = (db: Db, workspaceId: string, sourceId: string) =>
  db
    .select()
    .from(events)
    .where(and(eq(events.workspaceId, workspaceId), eq(events.sourceId, sourceId)))
    .orderBy(asc(events.userId), asc(events.messageId));

export const errorsOf = (db: Db, workspaceId: string, importId: string) =>
  db
    .select({ rowNumber: fileImportErrors.rowNumber, error: fileImportErrors.error, line: fileImportErrors.line })
    .from(fileImportErrors)
    .where(and(eq(fileImportErrors.workspaceId, workspaceId), eq(fileImportErrors.importId, importId)))
    .orderBy(asc(fileImportErrors.rowNumber));

export const auditOf = (db: Db, workspaceId: string, action: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, action)));

/** A CSV of `count` users starting at `from`: id, email, plan, score. */
export function usersCsv(from: number, count: number): string {
  const lines = ["id,email,plan,score"];
  for (let i = from; i < from + count; i++)
    lines.push(`user-${i},user${i}@example.com,${i % 3 === 0 ? "pro" : "free"},${i * 1.5}`);
  return `${lines.join("\n")}\n`;
}
