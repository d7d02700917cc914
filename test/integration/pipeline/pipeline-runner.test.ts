import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { PipelineConsumer } from "@/server/pipeline/define-consumer";
import { PipelineRunner } from "@/server/pipeline/pipeline-runner";
import { wakePipeline } from "@/server/pipeline/wake-pipeline";
import { freshDatabase, secondConnection } from "../../helpers/test-db";
import { storeMessages } from "../events/seed-events";
import { createTestSource, type TestSource } from "../ingestion/tracking-server";

let handle: DatabaseHandle;
let source: TestSource;
beforeAll(async () => {
  handle = await freshDatabase();
  source = await createTestSource(handle.db);
});
afterAll(() => handle.close());

const until = async (check: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("pipeline runner", () => {
  it("is woken by a commit instead of waiting for its poll, and keeps other consumers going while one fails", async () => {
    const seen: string[] = [];
    let failures = 0;
    const recorder: PipelineConsumer = {
      id: "recorder",
      handle: async (_tx, events) => void seen.push(...events.map((e) => String(e.raw.messageId))),
    };
    const broken: PipelineConsumer = {
      id: "broken",
      handle: async () => {
        failures += 1;
        throw new Error("cannot");
      },
    };
    const runner = new PipelineRunner(handle.db, [broken, recorder], { pollMs: 60_000, retryMs: 60_000 }).start();
    try {
      await new Promise((r) => setTimeout(r, 100)); // the runner is idle, waiting a minute for its poll
      const started = Date.now();
      await storeMessages(handle.db, source.workspaceId, source.sourceId, new Date(), [
        { type: "track", userId: "u", event: "E", messageId: "w1" },
      ]);
      wakePipeline();
      // Both consumers step once w1 is below the horizon (another database's transaction may hold it a moment).
      await until(() => seen.includes("w1") && failures > 0);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(failures).toBe(1); // tried once, then held back for retryMs while the recorder goes on
      await storeMessages(handle.db, source.workspaceId, source.sourceId, new Date(), [
        { type: "track", userId: "u", event: "E", messageId: "w2" },
      ]);
      wakePipeline();
      await until(() => seen.includes("w2"));
      expect(failures).toBe(1);
    } finally {
      await runner.stop();
    }
  });

  it("looks again soon when committed events wait behind an open transaction, without another wake (PostgreSQL)", async () => {
    if (inject("testDatabase").kind === "pglite") return; // one connection: no transaction stays open beside another
    const holder = secondConnection(handle);
    const seen: string[] = [];
    const recorder: PipelineConsumer = {
      id: "held-back",
      handle: async (_tx, events) => void seen.push(...events.map((e) => String(e.raw.messageId))),
    };
    const runner = new PipelineRunner(handle.db, [recorder], { pollMs: 60_000 }).start();
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let began!: () => void;
    const open = new Promise<void>((r) => (began = r));
    // An open transaction with a transaction id: the horizon stays below it until it ends.
    const held = holder.begin(async (tx) => {
      await tx`SELECT pg_current_xact_id()`;
      began();
      await released;
    });
    try {
      await open;
      await storeMessages(handle.db, source.workspaceId, source.sourceId, new Date(), [
        { type: "track", userId: "u", event: "E", messageId: "h1" },
      ]);
      wakePipeline(); // the runner wakes, finds h1 above the horizon, and cannot read it yet
      await new Promise((r) => setTimeout(r, 200));
      expect(seen).not.toContain("h1");
      release();
      await held;
      await until(() => seen.includes("h1"), 3_000); // no wake, no minute-long poll
    } finally {
      release();
      await held.catch(() => {});
      await holder.end();
      await runner.stop();
    }
  });

  it("stops at once when asked while a step is running, not at its next poll", async () => {
    const idleConsumer: PipelineConsumer = { id: "stopping", handle: async () => {} };
    const runner = new PipelineRunner(handle.db, [idleConsumer], { pollMs: 60_000 }).start(); // its first step is under way
    const started = Date.now();
    await runner.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("gives a consumer with a pause its events in batches under a stream of small commits, not a step per commit", async () => {
    const seen: string[] = [];
    let steps = 0;
    const batched: PipelineConsumer = {
      id: "batched",
      pauseMs: 400,
      handle: async (_tx, events) => {
        steps += 1;
        seen.push(...events.map((e) => String(e.raw.messageId)));
      },
    };
    const runner = new PipelineRunner(handle.db, [batched], { pollMs: 60_000 }).start();
    try {
      for (let i = 0; i < 10; i++) {
        await storeMessages(handle.db, source.workspaceId, source.sourceId, new Date(), [
          { type: "track", userId: "u", event: "E", messageId: `s${i}` },
        ]);
        wakePipeline();
        await new Promise((r) => setTimeout(r, 20));
      }
      await until(() => seen.filter((id) => id.startsWith("s")).length === 10, 10_000);
      expect(steps).toBeLessThanOrEqual(3); // ten commits in ~0.3 s: one step, then at most two after pauses
    } finally {
      await runner.stop();
    }
  });
});
