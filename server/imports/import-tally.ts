import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { fileImportErrors, fileImports } from "@/db/schema";
import type { EventRow } from "../ingestion/normalize-message";
import { appendEvents } from "../ingestion/append-events";
import { IMPORT_LIMITS } from "./limits";

/**
 * Storage failed mid-import: nothing about the file is wrong, the import may simply be run again. Its message
 * never carries the driver's text (which quotes the statement and its parameters: rows of the file); the
 * driver's error is its `cause`, for logFailure.
 */
export class ImportStorageError extends Error {
  constructor(options?: { cause?: unknown }) {
    super("storage failed while importing", options);
    this.name = "ImportStorageError";
  }
}

export interface ImportCounts {
  processedBytes: number;
  rowsImported: number;
  rowsDuplicate: number;
  rowsFailed: number;
}

interface RowError {
  rowNumber: number;
  error: string;
  line: string;
}

const CHUNKS_IN_FLIGHT = 2;

/** Postgres text holds no NUL; a kept line is cut to a readable length. */
const keepable = (text: string, max: number) => text.replaceAll("\u0000", "\uFFFD").toWellFormed().slice(0, max);

/**
 * An import's running totals and the work waiting to be written: events (stored a chunk at a time, a
 * messageId already in the workspace counting as a duplicate), row errors (the first maxStoredErrors are
 * kept) and the progress row that the console's progress bar reads.
 */
export class ImportTally {
  readonly counts: ImportCounts = { processedBytes: 0, rowsImported: 0, rowsDuplicate: 0, rowsFailed: 0 };
  private events: EventRow[] = [];
  private errors: RowError[] = [];
  private storedErrors = 0;
  private lastWrite = Date.now();
  /**
   * Chunks being stored while the next one is prepared, oldest first. Two: a COPY puts its rows on the wire
   * only after a round trip, which the busy parser delays until it next yields, so the older chunk's rows
   * travel while the newer one waits. Memory stays at three chunks.
   */
  private inFlight: Promise<void>[] = [];

  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
    private readonly sourceId: string,
    private readonly importId: string,
    private readonly onProgress?: (counts: ImportCounts) => void,
  ) {}

  addEvent(row: EventRow): void {
    this.events.push(row);
  }

  addError(rowNumber: number, error: string, line: string): void {
    this.counts.rowsFailed += 1;
    if (this.storedErrors + this.errors.length < IMPORT_LIMITS.maxStoredErrors) {
      this.errors.push({
        rowNumber,
        error: keepable(error, 1_000),
        line: keepable(line, IMPORT_LIMITS.maxErrorLineChars),
      });
    }
  }

  get chunkReady(): boolean {
    return this.events.length >= IMPORT_LIMITS.chunkRows || this.errors.length >= IMPORT_LIMITS.chunkRows;
  }

  /** Nothing stored or duplicate yet, and many failures: the mapping does not fit the file. */
  get hopeless(): boolean {
    return (
      this.counts.rowsFailed >= IMPORT_LIMITS.failFastRows &&
      this.counts.rowsImported + this.counts.rowsDuplicate + this.events.length === 0 &&
      this.inFlight.length === 0
    );
  }

  /**
   * Sends full chunks of events to storage — without waiting for the chunk to be stored, so the next one is
   * parsed meanwhile (waiting only for the previous chunk) — and writes errors and progress when due.
   */
  async maybeFlush(): Promise<void> {
    while (this.events.length >= IMPORT_LIMITS.chunkRows) await this.sendChunk();
    if (
      this.errors.length >= IMPORT_LIMITS.chunkRows ||
      Date.now() - this.lastWrite >= IMPORT_LIMITS.progressIntervalMs
    )
      await this.writeProgress();
  }

  /** Stores everything pending and writes the progress row. */
  async flush(): Promise<void> {
    while (this.events.length > 0) await this.sendChunk();
    await this.writeProgress();
  }

  /** Waits until at most `keep` chunks are in flight; a failed chunk fails the import once the others settled. */
  private async settle(keep = 0): Promise<void> {
    while (this.inFlight.length > keep) {
      const oldest = this.inFlight.shift()!;
      try {
        await oldest;
      } catch (error) {
        await Promise.allSettled(this.inFlight);
        this.inFlight = [];
        throw error;
      }
    }
  }

  private async sendChunk(): Promise<void> {
    await this.settle(CHUNKS_IN_FLIGHT - 1);
    const chunk = this.events.splice(0, IMPORT_LIMITS.chunkRows);
    const storing = appendEvents(
      this.db,
      { workspaceId: this.workspaceId, sourceId: this.sourceId, rows: chunk },
      { write: "direct" },
    ).then(
      (appended) => {
        this.counts.rowsImported += appended.stored;
        this.counts.rowsDuplicate += appended.duplicates;
      },
      (error: unknown) => {
        throw storageError(error);
      },
    );
    storing.catch(() => {}); // surfaced by the next settle(); never an unhandled rejection meanwhile
    this.inFlight.push(storing);
    // Let the driver put the statement on the wire before the next chunk is prepared (CPU-bound, no awaits).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /**
   * Row errors and the totals are written in one transaction: the failed count that the console shows (and
   * that offers the error download) never runs ahead of the error rows it counts.
   */
  private async writeProgress(): Promise<void> {
    await this.settle();
    const errors = this.errors;
    try {
      await this.db.transaction(async (tx) => {
        if (errors.length > 0) {
          await tx
            .insert(fileImportErrors)
            .values(errors.map((e) => ({ workspaceId: this.workspaceId, importId: this.importId, ...e })))
            .onConflictDoNothing();
        }
        await tx
          .update(fileImports)
          .set({ ...this.counts, heartbeatAt: new Date() })
          .where(and(eq(fileImports.workspaceId, this.workspaceId), eq(fileImports.id, this.importId)));
      });
    } catch (error) {
      throw storageError(error);
    }
    this.errors = this.errors.slice(errors.length);
    this.storedErrors += errors.length;
    this.lastWrite = Date.now();
    this.onProgress?.({ ...this.counts });
  }
}

const storageError = (error: unknown) =>
  error instanceof ImportStorageError ? error : new ImportStorageError({ cause: error });
