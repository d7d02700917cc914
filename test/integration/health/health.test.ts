import { describe, expect, it } from "vitest";
import { checkHealth } from "@/server/health/check-health";
import { freshDatabase } from "../../helpers/test-db";

describe("checkHealth", () => {
  it("reports ok on an open database, and unreachable with a reason once it is closed", async () => {
    const handle = await freshDatabase();
    expect(await checkHealth(async () => handle)).toEqual({ status: "ok", database: "ok" });
    await handle.close();
    const health = await checkHealth(async () => handle);
    expect(health).toMatchObject({ status: "error", database: "unreachable" });
    expect(health.status === "error" && health.reason).toEqual(expect.any(String));
    expect(health.status === "error" && health.reason.length).toBeGreaterThan(0);
  });

  it("reports unreachable when the database cannot even be opened, with its error as the reason", async () => {
    const health = await checkHealth(() => Promise.reject(new Error("connection refused at 127.0.0.1:1")));
    expect(health).toEqual({ status: "error", database: "unreachable", reason: "connection refused at 127.0.0.1:1" });
  });

  it("gives up after the deadline when the database does not answer", async () => {
    const started = Date.now();
    const health = await checkHealth(() => new Promise(() => {}), 50);
    expect(health).toEqual({ status: "error", database: "unreachable", reason: "no answer within 50 ms" });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
