import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { rows, type DatabaseHandle } from "@/db/client";
import { defineJob } from "@/server/jobs/define-job";
import { jobMap } from "@/server/jobs/registry";
import { enqueueJob } from "@/server/jobs/enqueue-job";
import { claimJobs, completeJob, reapExpiredLeases } from "@/server/jobs/job-leases";
import { JobWorker } from "@/server/jobs/worker";
import { freshDatabase } from "../../helpers/test-db";

/** The job runtime on the real database: leases, retries with backoff, the dead state, lease expiry. */
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await freshDatabase();
});
afterAll(async () => {
  await handle.close();
});

interface JobRow {
  status: string;
  attempts: number;
  last_error: string | null;
  delay_s: number;
}
const jobRow = async (id: string) =>
  (
    await rows<JobRow>(
      handle.db,
      sql`SELECT status, attempts, last_error, extract(epoch FROM run_at - now())::float AS delay_s FROM jobs WHERE id = ${id}`,
    )
  )[0];

const until = async (check: () => Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 25));
  }
};

const jobs = (...definitions: Parameters<typeof jobMap>[0]) => jobMap(definitions);

describe("job runtime", () => {
  it("runs a queued job once with its validated input", async () => {
    const seen: number[] = [];
    const add = defineJob({
      id: "add",
      description: "",
      input: z.object({ n: z.number() }),
      handler: async ({ input }) => void seen.push(input.n),
    });
    const worker = new JobWorker(handle.db, { definitions: jobs(add), pollMs: 20 }).start();
    const id = await enqueueJob(handle.db, add, { n: 7 });
    await until(async () => (await jobRow(id)).status === "succeeded");
    await worker.stop();
    expect(seen).toEqual([7]);
    expect((await jobRow(id)).attempts).toBe(1);
  });

  it("refuses an invalid input when enqueued, naming the field", async () => {
    const add = defineJob({ id: "add", description: "", input: z.object({ n: z.number() }), handler: async () => {} });
    await expect(enqueueJob(handle.db, add, { n: "seven" })).rejects.toThrow(/Invalid input for job add: n:/);
  });

  it("retries a failing job with exponential backoff, then marks it dead with the last error", async () => {
    let calls = 0;
    const flaky = defineJob({
      id: "flaky",
      description: "",
      input: z.object({}),
      maxAttempts: 2,
      handler: async () => {
        calls += 1;
        throw new Error(`boom ${calls}`);
      },
    });
    const worker = new JobWorker(handle.db, { definitions: jobs(flaky), pollMs: 20 }).start();
    const id = await enqueueJob(handle.db, flaky, {});
    await until(async () => (await jobRow(id)).status === "failed");
    const first = await jobRow(id);
    expect(first).toMatchObject({ attempts: 1, last_error: "boom 1" });
    expect(first.delay_s).toBeGreaterThan(1); // first retry after 2 s
    expect(first.delay_s).toBeLessThanOrEqual(2.1);
    await handle.db.execute(sql`UPDATE jobs SET run_at = now() WHERE id = ${id}`); // skip the wait
    await until(async () => (await jobRow(id)).status === "dead");
    await worker.stop();
    expect(await jobRow(id)).toMatchObject({ attempts: 2, last_error: "boom 2" });
    expect(calls).toBe(2);
  });

  it("marks a job of an unknown kind dead at once, with the reason", async () => {
    const ghost = defineJob({ id: "ghost", description: "", input: z.object({}), handler: async () => {} });
    const id = await enqueueJob(handle.db, ghost, {});
    const worker = new JobWorker(handle.db, { definitions: jobs(), pollMs: 20 }).start();
    await until(async () => (await jobRow(id)).status === "dead");
    await worker.stop();
    expect((await jobRow(id)).last_error).toMatch(/no job named "ghost"/);
  });

  it("gives the job of a worker that died to another once its lease expires", async () => {
    let ran = 0;
    const work = defineJob({ id: "work", description: "", input: z.object({}), handler: async () => void (ran += 1) });
    const id = await enqueueJob(handle.db, work, {});
    // A worker claims it with a short lease and dies without finishing or renewing.
    const [claimed] = await claimJobs(handle.db, "dead-worker", 1, 300);
    expect(claimed.id).toBe(id);
    expect(await reapExpiredLeases(handle.db)).toEqual([]); // lease still valid
    await new Promise((r) => setTimeout(r, 400));
    const worker = new JobWorker(handle.db, { definitions: jobs(work), pollMs: 20, leaseMs: 200 }).start();
    await until(async () => (await jobRow(id)).status === "succeeded");
    await worker.stop();
    expect(ran).toBe(1);
    expect((await jobRow(id)).attempts).toBe(2); // the lost attempt counts
    // The dead worker coming back cannot overwrite the outcome.
    await completeJob(handle.db, "dead-worker", id);
    expect((await jobRow(id)).status).toBe("succeeded");
  });

  it("never runs a job twice with two workers sharing the queue", async () => {
    const runs = new Map<number, number>();
    const count = defineJob({
      id: "count",
      description: "",
      input: z.object({ i: z.number() }),
      handler: async ({ input }) => {
        runs.set(input.i, (runs.get(input.i) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    const ids = [];
    for (let i = 0; i < 40; i++) ids.push(await enqueueJob(handle.db, count, { i }));
    const options = { definitions: jobs(count), pollMs: 10, concurrency: 3 };
    const workers = [new JobWorker(handle.db, options).start(), new JobWorker(handle.db, options).start()];
    await until(async () => {
      const [{ n }] = await rows<{ n: number }>(
        handle.db,
        sql`SELECT count(*)::int AS n FROM jobs WHERE name = 'count' AND status = 'succeeded'`,
      );
      return n === 40;
    });
    await Promise.all(workers.map((w) => w.stop()));
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });

  it("stops at once when asked while it claims, not at its next poll", async () => {
    const worker = new JobWorker(handle.db, { definitions: jobs(), pollMs: 60_000 }).start(); // claiming now
    const started = Date.now();
    await worker.stop(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("lets a running job finish on stop, and stops claiming", async () => {
    let finished = false;
    const slow = defineJob({
      id: "slow",
      description: "",
      input: z.object({}),
      handler: async () => {
        await new Promise((r) => setTimeout(r, 200));
        finished = true;
      },
    });
    const worker = new JobWorker(handle.db, { definitions: jobs(slow), pollMs: 10 }).start();
    const id = await enqueueJob(handle.db, slow, {});
    await until(async () => (await jobRow(id)).status === "running");
    await worker.stop(5_000);
    expect(finished).toBe(true);
    expect((await jobRow(id)).status).toBe("succeeded");
    const later = await enqueueJob(handle.db, slow, {});
    await new Promise((r) => setTimeout(r, 100));
    expect((await jobRow(later)).status).toBe("queued");
  });
});
