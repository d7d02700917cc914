import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { AppError } from "../errors";
import type { DeliveryHeaders } from "./keep-headers";
import { MAPPING_LIMITS } from "./limits";

/**
 * Mappings run on worker threads, never on the server's own thread: JSONata cannot yield while it
 * evaluates, so one heavy payload (up to 1 s of evaluation) would hold every other request. A fixed number
 * of threads (cores − 1, at least one) bounds the CPU mappings take; a bounded queue in front of them
 * bounds what waits — past it a delivery is refused with 503 + Retry-After, and its sender retries.
 * Deliveries, replays and the console's preview share the one pool (on globalThis: the custom server and
 * Next's bundle load separate copies of this module).
 *
 * The worker file is found from the working directory (like the migrations): bundlers must not rewrite it.
 */
const WORKER_FILE = path.join(process.cwd(), "server", "webhooks", "mapping-worker.mjs");

export interface PoolSize {
  threads: number;
  /** Evaluations waiting for a thread; one more is refused. */
  maxQueue: number;
}

export const DEFAULT_POOL_SIZE: PoolSize = (() => {
  const threads = Math.max(1, os.availableParallelism() - 1);
  return { threads, maxQueue: threads * 16 };
})();

/** A worker that does not answer within this is ended (a native call JSONata's own clock cannot stop). */
const HARD_TIMEOUT_MS = MAPPING_LIMITS.timeoutMs * 5;

export type MappingResult = { ok: true; json: string | undefined } | { ok: false; error: string };

interface Entry {
  pool: Piscina;
  size: PoolSize;
  /** Evaluations running or waiting. Counted here: Piscina keeps abortable tasks outside its bounded queue. */
  inFlight: number;
}

const holder = globalThis as typeof globalThis & { __cdpMappingPool?: Entry };

function current(): Entry {
  if (!holder.__cdpMappingPool) sizeMappingPool(DEFAULT_POOL_SIZE);
  return holder.__cdpMappingPool!;
}

/** (Re)creates the pool with this size; the previous one finishes what it holds. */
export function sizeMappingPool(size: PoolSize): void {
  const previous = holder.__cdpMappingPool;
  const pool = new Piscina({
    filename: pathToFileURL(WORKER_FILE).href,
    // One thread stays ready: starting one (tsx compiling the evaluator) takes about a second.
    minThreads: 1,
    maxThreads: size.threads,
    maxQueue: size.maxQueue,
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
  });
  holder.__cdpMappingPool = { pool, size, inFlight: 0 };
  if (previous) void previous.pool.close().catch(() => {});
}

/** Threads running and evaluations waiting, for tests and diagnostics. */
export function mappingPoolLoad() {
  const { pool, size, inFlight } = current();
  return { threads: pool.threads.length, inFlight, size };
}

export async function closeMappingPool(): Promise<void> {
  const entry = holder.__cdpMappingPool;
  holder.__cdpMappingPool = undefined;
  await entry?.pool.destroy();
}

/** Runs one mapping on the pool. Throws AppError SERVICE_UNAVAILABLE when every thread is busy and the queue is full. */
export async function runMapping(mapping: string, payload: unknown, headers: DeliveryHeaders): Promise<MappingResult> {
  const entry = current();
  if (entry.inFlight >= entry.size.threads + entry.size.maxQueue) throw busy();
  // The hard clock allows for the evaluations ahead of this one (each stops itself within timeoutMs).
  const ahead = Math.ceil(entry.inFlight / entry.size.threads);
  entry.inFlight++;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), HARD_TIMEOUT_MS + ahead * MAPPING_LIMITS.timeoutMs * 1.5);
  try {
    return (await entry.pool.run({ mapping, payload, headers }, { signal: controller.signal })) as MappingResult;
  } catch (error) {
    const e = error as { name?: string };
    if (e.name === "AbortError")
      return { ok: false, error: `the mapping ran longer than ${MAPPING_LIMITS.timeoutMs} ms` };
    throw error;
  } finally {
    clearTimeout(timer);
    entry.inFlight--;
  }
}

const busy = () =>
  new AppError("SERVICE_UNAVAILABLE", "Every mapping worker is busy and the queue is full; retry in a moment");
