import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { PipelineConsumer } from "@/server/pipeline/define-consumer";
import { PipelineRunner } from "@/server/pipeline/pipeline-runner";
import { wakePipeline } from "@/server/pipeline/wake-pipeline";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { freshDatabase } from "../../helpers/test-db";
import { storeMessages } from "../events/seed-events";
import { createTestSource, type TestSource } from "../ingestion/tracking-server";

let handle: DatabaseHandle;
let source: TestSource;
beforeAll(async () => {
  handle = await freshDatabase();
  source = await createTestSource(handle.db);
});
afterAll(async () => {
  await flushCatalog();
  await handle.close();
});

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
      await until(() => seen.includes("w1"));
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
});
