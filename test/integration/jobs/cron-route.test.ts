import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type DatabaseHandle } from "@/db/client";
import { useDatabase } from "@/server/database";
import { handleCronRequest } from "@/server/jobs/handle-cron-request";
import { freshDatabase } from "../../helpers/test-db";

/** /api/cron/{job}: an external scheduler queues a job run with the shared secret. */
const SECRET = "cron-secret-for-tests-0123456789";
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await freshDatabase();
  useDatabase(handle);
});
afterAll(async () => {
  await handle.close();
});

const call = (job: string, init: RequestInit & { token?: string } = {}, secret: string | null = SECRET) => {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) headers.set("authorization", `Bearer ${init.token}`);
  return handleCronRequest(
    new Request(`http://localhost/api/cron/${job}`, { ...init, headers }),
    job,
    secret ?? undefined,
  );
};
const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

describe("cron route", () => {
  it("refuses a missing or wrong secret with 401, and queues nothing", async () => {
    const missing = await call("prune-rejected-events");
    expect(missing.status).toBe(401);
    expect((await errorOf(missing)).code).toBe("invalid_cron_secret");
    const wrong = await call("prune-rejected-events", { token: "not-the-secret" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await rows(handle.db, sql`SELECT 1 FROM jobs`)).toHaveLength(0);
  });

  it("is closed when no CRON_SECRET is configured", async () => {
    const response = await call("prune-rejected-events", { token: "anything" }, null);
    expect(response.status).toBe(403);
    expect((await errorOf(response)).message).toMatch(/CRON_SECRET is not set/);
  });

  it("names an unknown job with 404", async () => {
    const response = await call("no-such-job", { token: SECRET });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).message).toMatch(/no job named "no-such-job"/);
  });

  it("refuses a body that is not JSON, and an input the job does not accept, naming the field", async () => {
    const bad = await call("prune-rejected-events", { method: "POST", token: SECRET, body: "{days: 3" });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).code).toBe("invalid_json");
    const invalid = await call("prune-rejected-events", {
      method: "POST",
      token: SECRET,
      body: JSON.stringify({ days: 0 }),
    });
    expect(invalid.status).toBe(400);
    expect((await errorOf(invalid)).message).toMatch(/days/);
  });

  it("queues the job with the right secret (GET, or POST with input) and answers 202 with its id", async () => {
    const get = await call("prune-rejected-events", { token: SECRET });
    expect(get.status).toBe(202);
    const post = await call("prune-rejected-events", {
      method: "POST",
      token: SECRET,
      body: JSON.stringify({ days: 7 }),
    });
    expect(post.status).toBe(202);
    const { jobId } = (await post.json()) as { jobId: string };
    const [job] = await rows<{ status: string; input: { days: number } }>(
      handle.db,
      sql`SELECT status, input FROM jobs WHERE id = ${jobId}`,
    );
    expect(job).toEqual({ status: "queued", input: { days: 7 } });
  });
});
