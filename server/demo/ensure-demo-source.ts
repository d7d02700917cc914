import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sources } from "@/db/schema";
import { SYSTEM_ACTOR } from "../scope";
import { createSource } from "../sources/create-source";
import { backfillDemoHistory } from "./backfill-demo-history";
import { identityConsumer } from "../identity/identity-consumer";
import { drainPipeline } from "../pipeline/drain-pipeline";
import { applyDemoEnrichment } from "./apply-demo-enrichment";
import { createDemoPopulation, type DemoVisitor } from "./create-demo-population";
import { createRandom } from "./seeded-random";

export const DEMO_SOURCE_NAME = "Website (demo)";

export interface DemoSource {
  sourceId: string;
  /** Only when the source was created by this call; owners and admins reveal it later in the console (it is kept encrypted). */
  writeKey: string | null;
  created: boolean;
  /** Events stored and refused by the history backfill (zero when the source already existed). */
  backfill: { stored: number; rejected: number };
}

/**
 * Once the history's profiles are resolved, a CRM export adds traits to them. Without it the demo still works,
 * so a failure is reported and the start goes on.
 */
async function enrichDemoProfiles(db: Db, workspaceId: string, population: DemoVisitor[], now: Date) {
  try {
    await drainPipeline(db, [identityConsumer]);
    await applyDemoEnrichment(db, workspaceId, population, now);
  } catch (error) {
    console.error(`demo: the CRM export was not applied: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The demo workspace's http source "Website (demo)": found by name, or created (audited as the system) and
 * filled with two weeks of history so the explorer and the catalog have something to show from the start;
 * its profiles then get a CRM export's traits (an enrichment file).
 */
export async function ensureDemoSource(db: Db, workspaceId: string, now = new Date()): Promise<DemoSource> {
  const [existing] = await db
    .select({ id: sources.id })
    .from(sources)
    .where(and(eq(sources.workspaceId, workspaceId), eq(sources.type, "http"), eq(sources.name, DEMO_SOURCE_NAME)))
    .limit(1);
  if (existing) return { sourceId: existing.id, writeKey: null, created: false, backfill: { stored: 0, rejected: 0 } };

  const { source, writeKey } = await createSource(
    { db, workspaceId, role: "owner", actor: SYSTEM_ACTOR },
    { name: DEMO_SOURCE_NAME, type: "http" },
  );
  const population = createDemoPopulation(workspaceId);
  const backfill = await backfillDemoHistory(
    db,
    workspaceId,
    source.id,
    population,
    createRandom(`history:${workspaceId}`),
    {
      now,
    },
  );
  await enrichDemoProfiles(db, workspaceId, population, now);
  return { sourceId: source.id, writeKey, created: true, backfill };
}
