import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows, type DatabaseHandle } from "@/db/client";
import { applyDemoEnrichment, DEMO_ENRICHMENT_NAME } from "@/server/demo/apply-demo-enrichment";
import { backfillDemoHistory } from "@/server/demo/backfill-demo-history";
import { createDemoPopulation } from "@/server/demo/create-demo-population";
import { createRandom } from "@/server/demo/seeded-random";
import { identityConsumer } from "@/server/identity/identity-consumer";
import { drainPipeline } from "@/server/pipeline/drain-pipeline";
import { getProfile } from "@/server/profiles/get-profile";
import { SYSTEM_ACTOR } from "@/server/scope";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";

let handle: DatabaseHandle;
let demo: SeededWorkspace;
let crm: Awaited<ReturnType<typeof applyDemoEnrichment>>;

// Fixed seeds and clock: the same two weeks of shop history every run.
beforeAll(async () => {
  handle = await freshDatabase();
  demo = await seedWorkspace(handle.db, "Demo");
  const { source } = await callerFor(handle.db, demo.members.owner, demo.id).sources.create({
    name: "Website",
    type: "http",
  });
  const sourceId = source.id;
  await backfillDemoHistory(handle.db, demo.id, sourceId, createDemoPopulation("demo-seed"), createRandom("history"), {
    now: new Date("2026-11-30T12:00:00Z"),
  });
  await drainPipeline(handle.db, [identityConsumer]);
  crm = await applyDemoEnrichment(
    handle.db,
    demo.id,
    createDemoPopulation("demo-seed"),
    new Date("2026-11-30T12:00:00Z"),
  );
});
afterAll(async () => {
  await flushCatalog();
  await handle.close();
});

const count = async (query: ReturnType<typeof sql>) => Number((await rows<{ n: string }>(handle.db, query))[0].n);

describe("the demo's profiles", () => {
  it("has a second device for some visitors, and keeps every visitor's ids and names as before", () => {
    const population = createDemoPopulation("demo-seed");
    const twoDevices = population.filter((v) => v.devices.length === 2);
    expect(twoDevices.length).toBeGreaterThan(20);
    expect(twoDevices.every((v) => v.devices[1].userAgent.includes("Mobile"))).toBe(true);
    expect(population.every((v) => v.devices[0].anonymousId === v.anonymousId)).toBe(true);
  });

  it("stitches browsing on two devices into one known person", async () => {
    const stitched = await count(sql`SELECT count(*) AS n FROM (
        SELECT profile_id FROM identities WHERE workspace_id = ${demo.id}
        GROUP BY profile_id
        HAVING count(*) FILTER (WHERE type = 'anonymous_id') >= 2 AND count(*) FILTER (WHERE type = 'email') = 1
           AND count(*) FILTER (WHERE type = 'user_id') = 1) p`);
    expect(stitched, "stitched profiles").toBeGreaterThan(3);
  });

  it("records merges: anonymous browsing on a phone joined the profile at sign-in", async () => {
    expect(await count(sql`SELECT count(*) AS n FROM profile_merges WHERE workspace_id = ${demo.id}`)).toBeGreaterThan(
      3,
    );
  });

  it("gives a trait a history when a visitor moves city", async () => {
    const moved = await count(sql`SELECT count(*) AS n FROM (
        SELECT profile_id FROM trait_history WHERE workspace_id = ${demo.id} AND name = 'city'
        GROUP BY profile_id HAVING count(DISTINCT value) >= 2) p`);
    expect(moved).toBeGreaterThan(0);
  });

  it("applies a CRM export: its traits on the matching profiles, with the file as their source, and unmatched rows reported", async () => {
    expect(crm).toMatchObject({ status: "completed", name: DEMO_ENRICHMENT_NAME });
    expect(crm.rowsMatched).toBeGreaterThan(10);
    expect(crm.rowsUnmatched).toBeGreaterThan(0);
    expect(crm.rowsInvalid).toBe(0);
    const [tiered] = await rows<{ profile_id: string }>(
      handle.db,
      sql`SELECT profile_id FROM profile_traits WHERE workspace_id = ${demo.id} AND name = 'loyalty_tier' LIMIT 1`,
    );
    const scope = { db: handle.db, workspaceId: demo.id, role: "admin" as const, actor: SYSTEM_ACTOR };
    const profile = await getProfile(scope, tiered.profile_id);
    expect(profile.traits.find((t) => t.name === "loyalty_tier")).toMatchObject({ source: DEMO_ENRICHMENT_NAME });
    expect(typeof profile.traits.find((t) => t.name === "lifetime_value")?.value).toBe("number");
  });

  it("never joins two different people", async () => {
    expect(
      await count(sql`SELECT count(*) AS n FROM (
          SELECT profile_id FROM identities WHERE workspace_id = ${demo.id} AND type = 'user_id'
          GROUP BY profile_id HAVING count(*) > 1) p`),
    ).toBe(0);
  });
});
