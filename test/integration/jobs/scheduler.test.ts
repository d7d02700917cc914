import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { rows, type DatabaseHandle } from "@/db/client";
import { defineJob } from "@/server/jobs/define-job";
import { jobMap } from "@/server/jobs/registry";
import { JobScheduler, latestSlot } from "@/server/jobs/scheduler";
import { freshDatabase } from "../../helpers/test-db";

/** Recurring jobs run once per cron slot, however many schedulers tick. */
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await freshDatabase();
});
afterAll(async () => {
  await handle.close();
});

const hourly = defineJob({
  id: "hourly",
  description: "",
  input: z.object({}),
  schedule: "0 * * * *",
  handler: async () => {},
});
const definitions = jobMap([hourly]);
const queued = async () =>
  (await rows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM jobs WHERE name = 'hourly'`))[0].n;

describe("job scheduler", () => {
  it("finds the latest slot of a cron expression in UTC", () => {
    expect(latestSlot("0 * * * *", new Date("2026-03-01T10:59:59Z"))?.toISOString()).toBe("2026-03-01T10:00:00.000Z");
    expect(latestSlot("17 3 * * *", new Date("2026-03-01T03:16:00Z"))?.toISOString()).toBe("2026-02-28T03:17:00.000Z");
  });

  it("enqueues one run per slot with two schedulers ticking at once, and the next one in the next slot", async () => {
    let now = new Date("2026-03-01T10:05:00Z");
    const a = new JobScheduler(handle.db, { definitions, now: () => now });
    const b = new JobScheduler(handle.db, { definitions, now: () => now });
    const first = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(first.flat()).toHaveLength(1);
    expect(await queued()).toBe(1);

    now = new Date("2026-03-01T10:59:00Z"); // same slot
    expect([...(await a.tick()), ...(await b.tick())]).toHaveLength(0);

    now = new Date("2026-03-01T11:00:30Z"); // next slot
    const second = await Promise.all([b.tick(), a.tick()]);
    expect(second.flat()).toHaveLength(1);
    expect(await queued()).toBe(2);
    const slots = await rows<{ slot: string; job_id: string }>(
      handle.db,
      sql`SELECT slot::text, job_id::text FROM job_schedule_slots WHERE name = 'hourly' ORDER BY slot`,
    );
    expect(slots.map((s) => s.job_id).sort()).toEqual([...first.flat(), ...second.flat()].sort());
  });
});
