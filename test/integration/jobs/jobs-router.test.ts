import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type DatabaseHandle } from "@/db/client";
import { enqueueJob } from "@/server/jobs/enqueue-job";
import { pruneRejectedEvents } from "@/server/jobs/definitions/prune-rejected-events";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";

/** The Jobs page's procedures: what a workspace sees, retrying failed or dead jobs, running a job now. */
let handle: DatabaseHandle;
let acme: SeededWorkspace;
let globex: SeededWorkspace;
beforeAll(async () => {
  handle = await freshDatabase();
  acme = await seedWorkspace(handle.db, "Acme");
  globex = await seedWorkspace(handle.db, "Globex");
});
afterAll(() => handle.close());

const admin = (ws: SeededWorkspace) => callerFor(handle.db, ws.members.admin, ws.id);
const setStatus = (id: string, status: string) =>
  handle.db.execute(sql`UPDATE jobs SET status = ${status}, attempts = 5, last_error = 'boom' WHERE id = ${id}`);

describe("jobs procedures", () => {
  it("lists the workspace's own and installation-wide jobs, never another workspace's, with counts per status", async () => {
    const system = await enqueueJob(handle.db, pruneRejectedEvents, {});
    const mine = await enqueueJob(handle.db, pruneRejectedEvents, {}, { workspaceId: acme.id });
    const theirs = await enqueueJob(handle.db, pruneRejectedEvents, {}, { workspaceId: globex.id });
    await setStatus(mine, "dead");
    const listed = await admin(acme).jobs.list({});
    const ids = listed.jobs.map((j) => j.id);
    expect(ids).toEqual(expect.arrayContaining([system, mine]));
    expect(ids).not.toContain(theirs);
    expect(listed.totals).toMatchObject({ queued: 1, dead: 1 });
    expect(listed.jobs.find((j) => j.id === system)).toMatchObject({
      system: true,
      description: pruneRejectedEvents.description,
    });
    expect((await admin(acme).jobs.list({ status: "dead" })).jobs.map((j) => j.id)).toEqual([mine]);
  });

  it("retries a dead job with fresh attempts and audits it; refuses a job that is not failed or dead, or not visible", async () => {
    const dead = await enqueueJob(handle.db, pruneRejectedEvents, {}, { workspaceId: acme.id });
    await setStatus(dead, "dead");
    await admin(acme).jobs.retry({ jobId: dead });
    const [row] = await rows<{ status: string; attempts: number }>(
      handle.db,
      sql`SELECT status, attempts FROM jobs WHERE id = ${dead}`,
    );
    expect(row).toEqual({ status: "queued", attempts: 0 });
    const [audit] = await rows<{ action: string; actor_email: string }>(
      handle.db,
      sql`SELECT action, actor_email FROM audit_log WHERE target_id = ${dead}`,
    );
    expect(audit).toEqual({ action: "job.retry", actor_email: acme.members.admin.email });

    await expect(admin(acme).jobs.retry({ jobId: dead })).rejects.toThrow(/No failed or dead job/); // queued now
    const foreign = await enqueueJob(handle.db, pruneRejectedEvents, {}, { workspaceId: globex.id });
    await setStatus(foreign, "dead");
    await expect(admin(acme).jobs.retry({ jobId: foreign })).rejects.toThrow(/No failed or dead job/);
  });

  it("runs a job kind now (audited), and names an unknown one", async () => {
    const { jobId } = await admin(acme).jobs.runNow({ name: "prune-rejected-events" });
    const [row] = await rows<{ status: string; name: string }>(
      handle.db,
      sql`SELECT status, name FROM jobs WHERE id = ${jobId}`,
    );
    expect(row).toEqual({ status: "queued", name: "prune-rejected-events" });
    expect(
      await rows(handle.db, sql`SELECT 1 FROM audit_log WHERE action = 'job.run' AND target_id = ${jobId}`),
    ).toHaveLength(1);
    await expect(admin(acme).jobs.runNow({ name: "no-such-job" })).rejects.toThrow(/no job named "no-such-job"/);
  });
});
