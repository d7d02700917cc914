import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { rows, type DatabaseHandle, type Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import type { PipelineConsumer, PipelineEvent } from "@/server/pipeline/define-consumer";
import { runConsumerStep } from "@/server/pipeline/run-consumer-step";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { freshDatabase } from "../../helpers/test-db";
import { storeMessages } from "../events/seed-events";
import { createTestSource, type TestSource } from "../ingestion/tracking-server";

/** The commit-ordered cursor: every event once per consumer, none skipped when its transaction commits late. */
let handle: DatabaseHandle;
let source: TestSource;
beforeAll(async () => {
  handle = await freshDatabase();
  source = await createTestSource(handle.db);
  await handle.db.execute(sql`CREATE TABLE consumed (consumer text, message_id text, UNIQUE (consumer, message_id))`);
});
afterAll(async () => {
  await flushCatalog();
  await handle.close();
});

const track = (messageId: string) => ({ type: "track", userId: "u1", event: "Clicked", messageId });
const store = (...ids: string[]) =>
  storeMessages(handle.db, source.workspaceId, source.sourceId, new Date(), ids.map(track));

/** A consumer that records what it saw, in a table written in the step's transaction, and in memory. */
function recorder(id: string, options: { batchSize?: number; failOn?: string } = {}) {
  const seen: string[] = [];
  const consumer: PipelineConsumer = {
    id,
    batchSize: options.batchSize,
    async handle(tx: Db, events: PipelineEvent[]) {
      for (const e of events) {
        const messageId = String(e.raw.messageId);
        await tx.execute(sql`INSERT INTO consumed VALUES (${id}, ${messageId})`);
        if (messageId === options.failOn) throw new Error(`cannot handle ${messageId}`);
        seen.push(messageId);
      }
    },
  };
  return { consumer, seen };
}

const drain = async (consumer: PipelineConsumer) => {
  let total = 0;
  for (let n = await runConsumerStep(handle.db, consumer); n > 0; n = await runConsumerStep(handle.db, consumer))
    total += n;
  return total;
};
const consumed = async (consumer: string) =>
  (
    await rows<{ message_id: string }>(
      handle.db,
      sql`SELECT message_id FROM consumed WHERE consumer = ${consumer} ORDER BY message_id`,
    )
  ).map((r) => r.message_id);

describe("event cursor", () => {
  it("hands every event to a consumer once, in batches, in write order, and resumes from its stored position", async () => {
    await store("a1", "a2", "a3");
    await store("a4");
    await store("a5", "a6", "a7");
    const first = recorder("ordered", { batchSize: 2 });
    expect(await drain(first.consumer)).toBe(7);
    expect([...first.seen].sort()).toEqual(["a1", "a2", "a3", "a4", "a5", "a6", "a7"]);
    // Storage order per statement: a1–a3 before a4 before a5–a7.
    expect(first.seen.indexOf("a4")).toBeGreaterThan(Math.max(...["a1", "a2", "a3"].map((m) => first.seen.indexOf(m))));

    await store("a8");
    const again = recorder("ordered");
    expect(await drain(again.consumer)).toBe(1); // a new process of the same consumer starts where it stopped
    expect(again.seen).toEqual(["a8"]);
  });

  it("keeps each consumer's position apart", async () => {
    const other = recorder("other");
    await drain(other.consumer);
    expect((await consumed("other")).length).toBeGreaterThanOrEqual(8);
  });

  it("commits a step's effects with its cursor: a failing step applies nothing and is retried from the same place", async () => {
    await store("f1", "f2", "f3");
    const { consumer: skipPast } = recorder("failing");
    await drain(skipPast); // catch up on the earlier events
    await handle.db.execute(sql`DELETE FROM consumed WHERE consumer = 'failing'`);
    await store("g1", "g2", "g3");
    const failing = recorder("failing", { failOn: "g2" });
    await expect(runConsumerStep(handle.db, failing.consumer)).rejects.toThrow(/cannot handle g2/);
    expect(await consumed("failing")).toEqual([]); // g1's effect rolled back with the step
    const fixed = recorder("failing");
    expect(await drain(fixed.consumer)).toBe(3);
    expect(await consumed("failing")).toEqual(["g1", "g2", "g3"]);
  });

  it("never skips an event whose transaction commits after later ones (PostgreSQL: real concurrent transactions)", async () => {
    const target = inject("testDatabase");
    const late = recorder("late");
    await drain(late.consumer);
    if (target.kind === "pglite") {
      // One connection: a transaction cannot stay open beside another. The horizon still admits what committed.
      await store("l1");
      expect(await drain(late.consumer)).toBe(1);
      return;
    }
    const url = (
      handle as unknown as {
        db: { $client: { options: { host: string[]; port: number[]; database: string; user: string } } };
      }
    ).db.$client.options;
    const holder = postgres({
      host: url.host[0],
      port: url.port[0],
      database: url.database,
      user: url.user,
      max: 1,
      onnotice: () => {},
    });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedEarly = new Promise<void>((r) => (inserted = r));
    const held = holder.begin(async (tx) => {
      await tx`INSERT INTO events (workspace_id, id, source_id, message_id, type, event, user_id, timestamp, received_at, raw)
               VALUES (${source.workspaceId}, ${uuidv7()}, ${source.sourceId}, 'early-but-late', 'track', 'Clicked', 'u1', now(), now(),
                       ${tx.json({ messageId: "early-but-late" })})`;
      inserted();
      await released;
    });
    await insertedEarly;
    await store("after-1", "after-2"); // commits while the earlier transaction is still open
    expect(await drain(late.consumer)).toBe(0); // held back by the open transaction: delayed, not skipped
    release();
    await held;
    await holder.end();
    expect(await drain(late.consumer)).toBe(3);
    expect(late.seen[late.seen.length - 3]).toBe("early-but-late"); // its transaction id is the older one
    expect(late.seen.slice(-2).sort()).toEqual(["after-1", "after-2"]);
  });
});
