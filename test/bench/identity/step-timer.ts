/**
 * Where a pipeline step's time goes, without touching the consumer's code (pg_stat_statements is not
 * installed here): a Db whose `execute` and `transaction` are timed, each statement filed under the start of
 * its SQL text — under the consumer whose handle ran it, or "step" for the pipeline's own (cursor, events read,
 * commit) — and consumers whose `handle` is timed as a whole: handle minus its statements is the JavaScript
 * (extracting identifiers, union-find, building JSON) plus the few builder queries (the rules).
 */
import type { SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import type { PipelineConsumer } from "@/server/pipeline/define-consumer";

interface Tally {
  ms: number;
  calls: number;
}

export class StepTimer {
  readonly totals = new Map<string, Tally>();
  /** Events each timed consumer handled. */
  readonly events = new Map<string, number>();
  /** The consumer whose handle is running: its statements are filed under its name, the others under "step". */
  active: string | null = null;
  private started = performance.now();

  add(label: string, ms: number): void {
    const tally = this.totals.get(label) ?? { ms: 0, calls: 0 };
    tally.ms += ms;
    tally.calls += 1;
    this.totals.set(label, tally);
  }

  /** The tallies, largest first, with the wall time they were collected over; then starts afresh. */
  take(): { wallMs: number; events: Record<string, number>; rows: { label: string; ms: number; calls: number }[] } {
    const wallMs = performance.now() - this.started;
    const rows = [...this.totals].map(([label, t]) => ({ label, ...t })).sort((a, b) => b.ms - a.ms);
    const events = Object.fromEntries(this.events);
    this.totals.clear();
    this.events.clear();
    this.started = performance.now();
    return { wallMs, events, rows };
  }
}

/** "INSERT INTO identities (workspace_id, …" → a short, stable label for the statement. */
function labelOf(query: unknown, active: string | null): string {
  const chunks = (query as SQL).queryChunks;
  const first = chunks?.find((c) => Array.isArray((c as { value?: unknown }).value)) as { value: string[] } | undefined;
  const text = (first?.value.join(" ") ?? "?").replace(/\s+/g, " ").trim();
  return `${active ?? "step"}: ${text.slice(0, 72)}`;
}

/** `db` with every statement and transaction timed into `timer`. */
export function timedDb(db: Db, timer: StepTimer): Db {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "execute")
        return async (query: SQL) => {
          const t0 = performance.now();
          try {
            return await target.execute(query);
          } finally {
            timer.add(labelOf(query, timer.active), performance.now() - t0);
          }
        };
      if (prop === "transaction")
        return async (run: (tx: Db) => Promise<unknown>, config?: unknown) => {
          const t0 = performance.now();
          let inside = 0;
          try {
            return await target.transaction(async (tx) => {
              const t1 = performance.now();
              try {
                return await run(timedDb(tx as unknown as Db, timer));
              } finally {
                inside = performance.now() - t1;
              }
            }, config as never);
          } finally {
            // BEGIN and COMMIT (the commit waits for the WAL flush).
            timer.add("step: begin + commit", performance.now() - t0 - inside);
          }
        };
      const value = Reflect.get(target, prop, target);
      // Methods run on the real db; the constructor stays itself (db/raw-query.ts reads drizzle's kind off it).
      return typeof value === "function" && prop !== "constructor" ? value.bind(target) : value;
    },
  });
}

/** The consumer with its handle timed as a whole ("<id>: handle, all of it"). */
export function timedConsumer(consumer: PipelineConsumer, timer: StepTimer): PipelineConsumer {
  return {
    ...consumer,
    async handle(tx, events) {
      const t0 = performance.now();
      timer.active = consumer.id;
      try {
        await consumer.handle(tx, events);
      } finally {
        timer.active = null;
        timer.add(`${consumer.id}: handle, all of it`, performance.now() - t0);
        timer.events.set(consumer.id, (timer.events.get(consumer.id) ?? 0) + events.length);
      }
    },
  };
}
