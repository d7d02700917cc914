import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import * as route from "@/app/api/trpc/[trpc]/route";
import { useDatabase } from "@/server/database";
import { MAX_BATCH_SIZE } from "@/server/trpc/init";
import { freshDatabase } from "../../helpers/test-db";

// next-auth's auth() reads the request's headers from Next; outside Next there are none (not signed in).
vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await freshDatabase();
  useDatabase(handle);
});
afterAll(() => handle.close());

/** A batched GET of `n` calls to the same query, as httpBatchLink would send it. */
function batchedGet(n: number) {
  const paths = Array.from({ length: n }, () => "workspaces.mine").join(",");
  const input = Object.fromEntries(Array.from({ length: n }, (_, i) => [i, { json: null }]));
  return new Request(
    `http://localhost:3000/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`,
  );
}

describe("batched tRPC calls", () => {
  it(`refuses a batch of 200 procedures with 400 and a message naming the limit of ${MAX_BATCH_SIZE}`, async () => {
    const response = await route.GET(batchedGet(200));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "batch_too_large",
        message: `A batch may call at most ${MAX_BATCH_SIZE} procedures; this one calls 200`,
      },
    });
  });

  it(`refuses ${MAX_BATCH_SIZE + 1}, and runs every call of a batch of ${MAX_BATCH_SIZE}`, async () => {
    expect((await route.GET(batchedGet(MAX_BATCH_SIZE + 1))).status).toBe(400);
    const response = await route.GET(batchedGet(MAX_BATCH_SIZE));
    const results = (await response.json()) as { error?: { json: { data: { code: string } } } }[];
    // Not signed in: each call answers for itself (UNAUTHORIZED), none is refused as a batch.
    expect(results).toHaveLength(MAX_BATCH_SIZE);
    for (const result of results) expect(result.error?.json.data.code).toBe("UNAUTHORIZED");
  });

  it("leaves a single (unbatched) call alone", async () => {
    const response = await route.GET(new Request("http://localhost:3000/api/trpc/workspaces.mine"));
    expect(response.status).toBe(401);
  });
});
