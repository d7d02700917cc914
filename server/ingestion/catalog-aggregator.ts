import { catalogConsumer } from "../catalog/catalog-consumer";
import { drainPipeline, PipelineDrainTimeout } from "../pipeline/drain-pipeline";
import { appendedDatabases } from "./append-events";
import { drainEventWriter } from "./event-writer";

/** How long a flush waits for a held-back horizon before leaving the rest to the pipeline (within a test hook's 10 s). */
const FLUSH_TIMEOUT_MS = 8_000;

/** The error of a database handle that was closed (PGlite, or a postgres.js pool after end()). */
function isClosed(error: unknown): boolean {
  const { message, code } = (error ?? {}) as { message?: string; code?: string };
  return code === "CONNECTION_ENDED" || code === "CONNECTION_DESTROYED" || /PGlite is closed/.test(message ?? "");
}

/**
 * Brings the event catalog up to date with every event appended so far in this process: the writer's pending
 * rows are committed, then the catalog consumer (server/catalog/catalog-consumer.ts) catches up on each
 * database events were appended to. The catalog is a pipeline consumer, counted in the background; this is
 * for those who need it complete now — the demo's backfill, tests. A database closed meanwhile is skipped;
 * one whose horizon stays held back (a long transaction elsewhere on the server) is left to the pipeline.
 */
export async function flushCatalog(): Promise<void> {
  await drainEventWriter();
  for (const db of appendedDatabases()) {
    try {
      await drainPipeline(db, [catalogConsumer], { timeoutMs: FLUSH_TIMEOUT_MS });
    } catch (error) {
      if (error instanceof PipelineDrainTimeout) console.error(`event catalog: ${error.message}; it is counted later`);
      else if (!isClosed(error)) throw error;
    }
  }
}
