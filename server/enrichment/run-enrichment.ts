import { and, eq, sql } from "drizzle-orm";
import { uuidv7 } from "@/db/ids";
import { enrichmentFiles } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { AppError } from "../errors";
import { logFailure } from "../http/reply";
import { loadIdentityRules, type LoadedRules } from "../identity/load-identity-rules";
import type { WorkspaceScope } from "../scope";
import { applyChunk, emptyCounts, type ChunkContext, type ChunkCounts, type ChunkRow } from "./apply-chunk";
import { prepareRow, traitColumns } from "./prepare-row";
import type { StartEnrichmentInput } from "./schema";

/** Rows per transaction: short enough that PGlite's one connection (and the pipeline's horizon) never waits long. */
export const CHUNK_ROWS = 2_000;
const HEARTBEAT_MS = 15_000;

/** One row as a reader hands it over: its values by column, or the reason it could not be read. */
export interface SourceRow {
  rowNumber: number;
  record: Record<string, unknown> | null;
  cells: string[] | null;
  line: string | null;
  error: string | null;
}

/** Storage failed midway: the chunks before it stay applied, the file is marked failed. */
export class EnrichmentStorageError extends Error {
  constructor(options: { cause: unknown }) {
    super("storage failed while applying the enrichment file", options);
    this.name = "EnrichmentStorageError";
  }
}

export type EnrichmentSummary = ChunkCounts & {
  fileId: string;
  name: string;
  status: "completed" | "failed";
  error: string | null;
};

/** The identifier types a file may be keyed by: the workspace's, but not anonymous ids (no vendor knows them). */
export const keyTypesOf = (rules: LoadedRules) => rules.rules.types.filter((t) => t !== "anonymous_id");

/** Refuses a mapping that does not fit the workspace or the file, naming the problem. */
export function checkMapping(input: StartEnrichmentInput, columns: string[], rules: LoadedRules): void {
  const { mapping } = input;
  const types = keyTypesOf(rules);
  if (!types.includes(mapping.keyType))
    throw new AppError(
      "BAD_REQUEST",
      `"${mapping.keyType}" is not an identifier type of this workspace (its types: ${types.join(", ")})`,
    );
  const named = [mapping.keyColumn, mapping.asOfColumn, ...(mapping.traits ?? []).map((t) => t.column)];
  const missing = [...new Set(named.filter((c): c is string => c !== undefined && !columns.includes(c)))];
  if (missing.length > 0)
    throw new AppError(
      "BAD_REQUEST",
      `The file has no column ${missing.map((c) => `"${c}"`).join(", ")} (its columns: ${columns.join(", ").slice(0, 500)})`,
    );
  if (traitColumns(mapping, columns).length === 0)
    throw new AppError("BAD_REQUEST", "The file has no column to become a trait besides the key");
}

/**
 * Applies an enrichment file, chunk by chunk (CHUNK_ROWS per short transaction), from any reader of rows:
 * the upload route's CSV stream or applyEnrichment's rows. The mapping is checked against the file's columns
 * and the workspace's identifier types before anything is written; then the file's row (status running) and
 * its audit row are stored, the rows applied, and the file closed with its totals (and an audit row). A
 * reader's failure (a cut upload) marks it failed with the reason; storage failing throws
 * EnrichmentStorageError once the file is marked failed. Whatever happens, the file never stays "running".
 */
export async function runEnrichment(
  scope: WorkspaceScope,
  input: StartEnrichmentInput,
  columns: string[],
  batches: AsyncIterable<SourceRow[]>,
): Promise<EnrichmentSummary> {
  const rules = await loadIdentityRules(scope.db, scope.workspaceId);
  checkMapping(input, columns, rules);
  const { mapping } = input;
  const traits = traitColumns(mapping, columns);
  const fileId = uuidv7();
  const asOf = new Date().toISOString();
  await scope.db.transaction(async (tx) => {
    await tx.insert(enrichmentFiles).values({
      workspaceId: scope.workspaceId,
      id: fileId,
      name: input.fileName,
      keyType: mapping.keyType,
      keyColumn: mapping.keyColumn,
      columns,
      mapping,
      asOf,
      uploadedBy: scope.actor.userId,
      uploadedByEmail: scope.actor.email,
      status: "running",
    });
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: "enrichment.upload",
      targetType: "enrichment_file",
      targetId: fileId,
      after: { name: input.fileName, ...mapping, traits },
    });
  });

  const counts = emptyCounts();
  const ctx: ChunkContext = {
    workspaceId: scope.workspaceId,
    fileId,
    keyType: mapping.keyType,
    createProfiles: mapping.createProfiles,
    rules,
    storedInvalid: 0,
  };
  const add = (c: ChunkCounts) => {
    for (const k of Object.keys(counts) as (keyof ChunkCounts)[]) counts[k] += c[k];
  };
  const flush = async (chunk: ChunkRow[]) => {
    if (chunk.length === 0) return;
    try {
      add(await scope.db.transaction((tx) => applyChunk(tx, ctx, chunk)));
    } catch (cause) {
      throw new EnrichmentStorageError({ cause });
    }
  };
  const heartbeat = setInterval(() => void touch(scope, fileId).catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref?.();
  let failure: string | null = null;
  try {
    let chunk: ChunkRow[] = [];
    for await (const batch of batches) {
      for (const row of batch) {
        const prepared = row.record
          ? prepareRow(row.record, mapping, traits, rules, asOf)
          : { ok: false as const, reason: row.error ?? "the row cannot be read" };
        chunk.push({ rowNumber: row.rowNumber, cells: row.cells, line: row.cells ? null : row.line, prepared });
        if (chunk.length >= CHUNK_ROWS) {
          await flush(chunk);
          chunk = [];
        }
      }
    }
    await flush(chunk);
  } catch (error) {
    clearInterval(heartbeat);
    if (error instanceof EnrichmentStorageError) {
      logFailure("enrichment file", driverError(error.cause));
      const reason = `Storage failed after ${counts.rowsTotal} rows (those were applied); apply the rest of the file again`;
      await finish(scope, fileId, counts, "failed", reason).catch((e) => logFailure("enrichment file: closing", e));
      throw error;
    }
    failure =
      error instanceof AppError
        ? error.message
        : `The file could not be read to the end after ${counts.rowsTotal} rows (those were applied): ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearInterval(heartbeat);
  }
  const status = failure ? "failed" : "completed";
  await finish(scope, fileId, counts, status, failure);
  return { fileId, name: input.fileName, status, error: failure, ...counts };
}

/** Closes the file with its totals and an audit row (enrichment.apply, or enrichment.fail with the reason). */
async function finish(
  scope: WorkspaceScope,
  fileId: string,
  counts: ChunkCounts,
  status: "completed" | "failed",
  error: string | null,
) {
  await scope.db.transaction(async (tx) => {
    await tx
      .update(enrichmentFiles)
      .set({ status, error, finishedAt: sql`now()` })
      .where(and(eq(enrichmentFiles.workspaceId, scope.workspaceId), eq(enrichmentFiles.id, fileId)));
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action: status === "completed" ? "enrichment.apply" : "enrichment.fail",
      targetType: "enrichment_file",
      targetId: fileId,
      after: { ...counts, ...(error ? { reason: error } : {}) },
    });
  });
}

async function touch(scope: WorkspaceScope, fileId: string) {
  await scope.db
    .update(enrichmentFiles)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(enrichmentFiles.workspaceId, scope.workspaceId), eq(enrichmentFiles.id, fileId)));
}

/** The driver's own error under drizzle's "Failed query: …" wrapper, whose message holds the statement. */
function driverError(error: unknown): unknown {
  let inner = error;
  while (inner instanceof Error && inner.cause !== undefined && /^Failed query/.test(inner.message))
    inner = inner.cause;
  return inner;
}
