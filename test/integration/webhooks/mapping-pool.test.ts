import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import {
  closeMappingPool,
  DEFAULT_POOL_SIZE,
  mappingPoolLoad,
  runMapping,
  sizeMappingPool,
} from "@/server/webhooks/mapping-pool";
import { setMapping } from "@/server/webhooks/set-mapping";
import { previewMapping } from "@/server/webhooks/preview-mapping";
import { seedWorkspace } from "../../helpers/fixtures";
import { freshDatabase } from "../../helpers/test-db";
import { startTrackingServer, stopTrackingServer, type TrackingServer } from "../ingestion/tracking-server";
import { ownerScope, webhookSource } from "./helpers";

/** About a second of evaluation (JSONata runs the tail call until its step or time limit stops it). */
const HEAVY =
  '($loop := function($i) { $loop($i + 1) }; {"type": "track", "event": "Never", "userId": "u", "properties": {"n": $loop(0)}})';

let handle: DatabaseHandle;
let server: TrackingServer;
let workspaceId: string;

beforeAll(async () => {
  handle = await freshDatabase();
  server = await startTrackingServer(handle);
  workspaceId = (await seedWorkspace(handle.db, "Pool Inc")).id;
});
afterEach(() => sizeMappingPool(DEFAULT_POOL_SIZE));
afterAll(async () => {
  await closeMappingPool();
  await stopTrackingServer(server, handle);
});

const deliver = (sourceId: string, body: unknown) =>
  fetch(`${server.url}/api/webhooks/${sourceId}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

async function timedPlainRequest(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${server.url}/not-the-fast-path`);
  await response.arrayBuffer();
  return performance.now() - started;
}

describe("mappings on worker threads", () => {
  it("keep their step, time and depth limits and their RE2 engine inside the worker", async () => {
    const started = Date.now();
    expect(await runMapping("($loop := function($i) { $loop($i + 1) }; $loop(0))", {}, {})).toEqual({
      ok: false,
      error: expect.stringMatching(/more than 1000000 steps|longer than 1000 ms|longer than its time limit/),
    });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await runMapping("($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))", {}, {})).toEqual({
      ok: false,
      error: expect.stringMatching(/nests too deeply.*\(D1011\)|ran out of room/),
    });
    expect(await runMapping("$count([1..5000000])", {}, {})).toMatchObject({
      ok: false,
      error: expect.stringMatching(/sequence|longer than|room|D2014/i),
    });
    expect(await runMapping('$eval("1 + 1")', {}, {})).toEqual({
      ok: false,
      error: "$eval is not available in mappings",
    });
    expect(await runMapping("$match(text, /(a+)+$/)", { text: `${"a".repeat(5_000)}!` }, {})).toEqual({
      ok: true,
      json: undefined,
    });
    expect(
      await runMapping('{"event": $headers."x-kind", "id": id}', { id: "820982911946154508" }, { "x-kind": "paid" }),
    ).toEqual({ ok: true, json: '{"event":"paid","id":"820982911946154508"}' });
  });

  it("leave the server's own thread free: a plain request answers promptly while heavy deliveries evaluate", async () => {
    const source = await webhookSource(handle.db, workspaceId, "Heavy");
    await setMapping(ownerScope(handle.db, workspaceId), { sourceId: source.id, mapping: HEAVY });
    await timedPlainRequest();
    const deliveries = Array.from({ length: 4 }, (_, i) => deliver(source.id, { n: i }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    const latencies: number[] = [];
    for (let i = 0; i < 8; i++) {
      latencies.push(await timedPlainRequest());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const answers = await Promise.all(
      (await Promise.all(deliveries)).map(async (r) => ({
        status: r.status,
        body: (await r.json()) as { status: string; error: string },
      })),
    );
    // Each delivery was evaluated for about a second: inline, the plain requests would have waited that long.
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers[0].body).toMatchObject({
      status: "mapping_failed",
      error: expect.stringMatching(/steps|longer than/),
    });
    expect(Math.max(...latencies)).toBeLessThan(300);
  });

  it("run at most as many at once as the pool has threads, and refuse with 503 + Retry-After once its queue is full", async () => {
    sizeMappingPool({ threads: 1, maxQueue: 1 });
    const source = await webhookSource(handle.db, workspaceId, "Capped");
    await setMapping(ownerScope(handle.db, workspaceId), { sourceId: source.id, mapping: HEAVY });
    let mostThreads = 0;
    const sampler = setInterval(() => (mostThreads = Math.max(mostThreads, mappingPoolLoad().threads)), 20);
    const responses = await Promise.all(Array.from({ length: 5 }, (_, i) => deliver(source.id, { n: i })));
    clearInterval(sampler);
    const refused = responses.filter((r) => r.status === 503);
    expect(responses.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused[0].headers.get("retry-after")).toBe("1");
    expect(await refused[0].json()).toEqual({
      error: { code: "service_unavailable", message: expect.stringMatching(/mapping worker is busy/) },
    });
    expect(mostThreads).toBe(1);
  });

  it("serve the console's preview from the same pool", async () => {
    sizeMappingPool({ threads: 1, maxQueue: 1 });
    const source = await webhookSource(handle.db, workspaceId, "Preview");
    const scope = ownerScope(handle.db, workspaceId);
    const previews = await Promise.allSettled(
      Array.from({ length: 3 }, () =>
        previewMapping(scope, { sourceId: source.id, mapping: HEAVY, samplePayload: "{}" }),
      ),
    );
    expect(previews.filter((p) => p.status === "fulfilled").map((p) => p.value.status)).toContain("mapping_failed");
    const refused = previews.filter((p) => p.status === "rejected");
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0].reason).toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      message: expect.stringMatching(/mapping worker is busy/),
    });
  });
});
