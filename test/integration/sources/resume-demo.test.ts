import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { sources } from "@/db/schema";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { DEMO_SOURCE_NAME } from "@/server/demo/ensure-demo-source";
import { resumeDemo } from "@/server/demo/resume-demo";
import { freshDatabase } from "../../helpers/test-db";
import { seedWorkspace } from "../../helpers/fixtures";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await freshDatabase();
});
afterAll(async () => {
  await flushCatalog();
  await handle.close();
});

const demoSources = async (workspaceId: string) =>
  (
    await handle.db
      .select({ n: count() })
      .from(sources)
      .where(and(eq(sources.workspaceId, workspaceId), eq(sources.name, DEMO_SOURCE_NAME)))
  )[0].n;

describe("resumeDemo", () => {
  it("does nothing when no demo workspace was created and none exists", async () => {
    await seedWorkspace(handle.db, "Plain");
    expect(await resumeDemo(handle.db, null)).toBeNull();
  });

  it("creates the demo source in the workspace just created, then finds it again after a restart", async () => {
    const demo = await seedWorkspace(handle.db, "Demo");
    const stopFirst = await resumeDemo(handle.db, demo.id);
    expect(stopFirst).toBeTypeOf("function");
    await stopFirst!();
    expect(await demoSources(demo.id)).toBe(1);

    // A later start gets no workspace id: the demo is found through its source, not created twice.
    const stopAgain = await resumeDemo(handle.db, null);
    expect(stopAgain).toBeTypeOf("function");
    await stopAgain!();
    expect(await demoSources(demo.id)).toBe(1);
  });
});
