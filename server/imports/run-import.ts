import { and, eq } from "drizzle-orm";
import { fileImports } from "@/db/schema";
import { AppError } from "../errors";
import { logFailure } from "../http/reply";
import { normalizeMessage } from "../ingestion/normalize-message";
import type { WorkspaceScope } from "../scope";
import { finishImport } from "./finish-import";
import { HEARTBEAT_MS } from "./import-runner";
import { ImportStorageError, ImportTally, type ImportCounts } from "./import-tally";
import { openText } from "./open-text";
import { ImportFileError, readRows } from "./read-rows";
import { dataColumns, rowToMessage } from "./row-to-message";
import type { StartImportInput } from "./schema";
import { startImport } from "./start-import";

export interface RunImportOptions {
  /** The file's size when known (Content-Length, or the file on disk): progress, and a truncated upload is caught. */
  totalBytes: number | null;
  onProgress?: (counts: ImportCounts & { totalBytes: number | null }) => void;
  /** Aborted when the upload's connection closed: the import stops and is marked failed. */
  signal?: AbortSignal;
}

const AGAIN = "import the file again (rows already stored are skipped)";

export type ImportSummary = ImportCounts & {
  importId: string;
  status: "completed" | "failed";
  error: string | null;
  totalBytes: number | null;
};

function checkColumns(input: StartImportInput, header: string[]): void {
  const { mapping } = input;
  const named = [
    mapping.userIdColumn,
    mapping.emailColumn,
    mapping.timestampColumn,
    mapping.messageIdColumn,
    mapping.eventColumn,
    ...(mapping.columns ?? []),
  ];
  const missing = [...new Set(named.filter((c): c is string => Boolean(c) && !header.includes(c!)))];
  if (missing.length > 0) {
    throw new ImportFileError(
      `The file has no column ${missing.map((c) => `"${c}"`).join(", ")} (its columns: ${header.join(", ")})`,
    );
  }
}

/**
 * Imports a CSV or NDJSON byte stream into a file source, a chunk at a time: memory holds one chunk of rows,
 * not the file, and the stream is read only as fast as rows are stored. Rows that cannot become events are
 * recorded with their line number and reason; the rest are stored with deterministic messageIds, so a
 * re-import adds only rows not seen before. Progress is written to the import's row as it goes.
 *
 * The file's head is checked first (openText): a binary file or an unsupported encoding is refused with an
 * UnsupportedFileError before any import exists; UTF-16 is converted as it streams.
 *
 * Resolves with the final totals when the file was read to the end, or when the file itself is at fault
 * (header, mapping, a truncated or cancelled upload): status "failed" with the reason. Throws an AppError
 * when the import cannot start, and ImportStorageError when storage failed midway. Whatever happens, an
 * import that started never stays "running": it is marked failed with a reason, and audited.
 */
export async function runImport(
  scope: WorkspaceScope,
  input: StartImportInput,
  body: AsyncIterable<Uint8Array>,
  options: RunImportOptions,
): Promise<ImportSummary> {
  const text = await openText(body);
  const started = await startImport(scope, input, options.totalBytes);
  const receivedAt = started.startedAt;
  const tally = new ImportTally(
    scope.db,
    scope.workspaceId,
    input.sourceId,
    started.id,
    options.onProgress && ((c) => options.onProgress!({ ...c, totalBytes: options.totalBytes })),
  );
  let columns: string[] = input.mapping.columns ?? [];
  const onHeader = (header: string[]) => {
    checkColumns(input, header);
    columns = dataColumns(input.mapping, header);
  };
  // UTF-8 is read as sent, so the reader's byte counts are the file's; a converted file is counted as sent.
  const converted = text.encoding !== "utf-8";
  const heartbeat = setInterval(() => void touchImport(scope, started.id).catch(() => {}), HEARTBEAT_MS);
  heartbeat.unref?.();

  let finished = false;
  let stopped = `The import stopped unexpectedly; ${AGAIN}`;
  try {
    let failure: string | null = null;
    try {
      for await (const batch of readRows(text.chunks, {
        format: input.format,
        delimiter: input.mapping.delimiter,
        expectedBytes: converted ? null : options.totalBytes,
        onHeader,
      })) {
        for (const row of batch.rows) {
          if (!row.record) {
            tally.addError(row.rowNumber, row.error ?? "unreadable row", row.line);
            continue;
          }
          // NDJSON has no header: without a column list, every key of the row not mapped otherwise is data.
          const rowColumns =
            input.format === "ndjson" && !input.mapping.columns
              ? dataColumns(input.mapping, Object.keys(row.record))
              : columns;
          const mapped = rowToMessage(row.record, input.mapping, rowColumns, {
            sourceId: input.sourceId,
            importId: started.id,
            fileName: input.fileName,
            format: input.format,
            rowNumber: row.rowNumber,
          });
          if (!mapped.ok) {
            tally.addError(row.rowNumber, mapped.error, row.line);
            continue;
          }
          const normalized = normalizeMessage(mapped.message, { receivedAt });
          if (normalized.ok) tally.addEvent(normalized.row);
          else tally.addError(row.rowNumber, normalized.reason, row.line);
          // A full chunk goes to storage at once, so storing it overlaps with preparing the next one.
          if (tally.chunkReady) await tally.maybeFlush();
        }
        tally.counts.processedBytes = converted ? text.received() : batch.bytes;
        await tally.maybeFlush();
        if (tally.hopeless)
          throw new ImportFileError(
            `The first ${tally.counts.rowsFailed} rows all failed, so the import stopped; check the mapping against the errors`,
          );
      }
      if (options.totalBytes !== null && text.received() < options.totalBytes) {
        failure = `The upload ended after ${text.received()} of ${options.totalBytes} bytes; the rows received were imported, import the file again for the rest`;
      }
      await tally.flush();
    } catch (error) {
      if (error instanceof ImportStorageError) throw error;
      if (options.signal?.aborted) {
        failure = `The upload stopped after ${text.received()}${options.totalBytes !== null ? ` of ${options.totalBytes}` : ""} bytes (the connection closed); the rows received were imported, import the file again for the rest`;
      } else if (error instanceof AppError) failure = error.message;
      // A read error comes from the upload or the file (a network or disk message), never from storage.
      else failure = `The file could not be read to the end: ${error instanceof Error ? error.message : String(error)}`;
      await tally.flush().catch(() => {});
    }
    const status = failure ? "failed" : "completed";
    await finishImport(scope, input.sourceId, started.id, tally.counts, status, failure);
    finished = true;
    return { importId: started.id, status, error: failure, totalBytes: options.totalBytes, ...tally.counts };
  } catch (error) {
    // Logged here, once, by the driver's own message (never the statement that drizzle puts in front).
    logFailure("file import", driverError(error));
    if (error instanceof ImportStorageError) stopped = `Storage failed during the import; ${AGAIN}`;
    throw error;
  } finally {
    clearInterval(heartbeat);
    if (!finished)
      await finishImport(scope, input.sourceId, started.id, tally.counts, "failed", stopped).catch((error) =>
        logFailure("file import: marking the import failed", driverError(error)),
      );
  }
}

/** The innermost cause of a storage error: the driver's error, whose message holds no statement. */
function driverError(error: unknown): unknown {
  let inner = error;
  while (
    inner instanceof Error &&
    inner.cause !== undefined &&
    (inner instanceof ImportStorageError || /^Failed query/.test(inner.message))
  )
    inner = inner.cause;
  return inner;
}

/** The import's sign of life while rows are slow to come (progress writes refresh it too). */
async function touchImport(scope: WorkspaceScope, importId: string) {
  await scope.db
    .update(fileImports)
    .set({ heartbeatAt: new Date() })
    .where(and(eq(fileImports.workspaceId, scope.workspaceId), eq(fileImports.id, importId)));
}
