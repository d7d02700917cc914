import type { Db } from "@/db/client";
import { applyEnrichment } from "../enrichment/apply-enrichment";
import type { DemoVisitor } from "./create-demo-population";
import { createRandom } from "./seeded-random";

export const DEMO_ENRICHMENT_NAME = "crm-export (demo).csv";
const TIERS = ["Bronze", "Silver", "Gold", "Platinum"] as const;
const DAY = 86_400_000;

/**
 * The demo's second-party data: a CRM export keyed by email for about half the visitors, with a loyalty tier,
 * lifetime value and marketing consent as of three days ago. The shop's visitors who never signed up have no
 * email identity yet, so their rows show up as unmatched — the report the enrichment page offers for download.
 */
export function demoCrmRows(population: DemoVisitor[], seed: string, now: Date) {
  const random = createRandom(`crm:${seed}`);
  const asOf = new Date(now.getTime() - 3 * DAY).toISOString().slice(0, 10);
  return population
    .filter(() => random.chance(0.5))
    .map((visitor) => ({
      email: visitor.traits.email,
      loyalty_tier: random.pick(TIERS),
      lifetime_value: Math.round(random.next() * 150_000) / 100,
      marketing_opt_in: random.chance(0.7),
      updated: asOf,
    }));
}

/** Applies the CRM export to the demo workspace's profiles (run once, after the history is resolved). */
export function applyDemoEnrichment(db: Db, workspaceId: string, population: DemoVisitor[], now: Date) {
  return applyEnrichment(db, workspaceId, {
    name: DEMO_ENRICHMENT_NAME,
    keyType: "email",
    rows: demoCrmRows(population, workspaceId, now),
    traits: [{ column: "loyalty_tier" }, { column: "lifetime_value" }, { column: "marketing_opt_in" }],
    asOfColumn: "updated",
  });
}
