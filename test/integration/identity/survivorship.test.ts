import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type DatabaseHandle } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { identitySettings } from "@/db/schema";
import { identityConsumer } from "@/server/identity/identity-consumer";
import { DEFAULT_RULES, type SurvivorshipStrategy } from "@/server/identity/identity-rules";
import { recordTraits, type Survivorship, type TraitValue } from "@/server/identity/record-traits";
import { drainPipeline } from "@/server/pipeline/drain-pipeline";
import { traitHistory } from "@/server/profiles/trait-history";
import { SYSTEM_ACTOR } from "@/server/scope";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { freshDatabase } from "../../helpers/test-db";
import { storeMessages } from "../events/seed-events";
import { createTestSource, type TestSource } from "../ingestion/tracking-server";

/** The golden record under each survivorship strategy, whatever order the values arrive in, and after a merge. */
let handle: DatabaseHandle;
let source: TestSource;
beforeAll(async () => {
  handle = await freshDatabase();
  source = await createTestSource(handle.db);
});
afterAll(async () => {
  await flushCatalog();
  await handle.close();
});

const CRM = "00000000-0000-4000-8000-00000000c001";
const VENDOR = "00000000-0000-4000-8000-00000000c002";
const WEB = "00000000-0000-4000-8000-00000000c003";
const event = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, "0")}`;
/** Each profile has its own events (the history's key is event and name), ordered by `n`. */
const eventOf = (profile: string, n: number) => `${profile.slice(0, 24)}${String(n).padStart(12, "0")}`;
const day = (d: number) => `2026-03-${String(d).padStart(2, "0")}T00:00:00.000Z`;

interface Given {
  value: unknown;
  day: number;
  source?: string;
  /** The event id's rank: a tie on time goes to the later id (latest) or the earlier one (first_seen). */
  id: number;
}

const survivorship = (strategy: SurvivorshipStrategy, sourcePriority: string[] = []): Survivorship => ({
  default: "latest",
  traits: { plan: strategy },
  sourcePriority,
});

const cases: { strategy: SurvivorshipStrategy; name: string; given: Given[]; wins: unknown; priority?: string[] }[] = [
  {
    strategy: "latest",
    name: "the latest event time, not the last to arrive",
    given: [
      { value: "free", day: 1, id: 1 },
      { value: "pro", day: 3, id: 2 },
      { value: "team", day: 2, id: 3 },
    ],
    wins: "pro",
  },
  {
    strategy: "latest",
    name: "a tie on time goes to the later event id",
    given: [
      { value: "a", day: 2, id: 7 },
      { value: "b", day: 2, id: 9 },
      { value: "c", day: 1, id: 10 },
    ],
    wins: "b",
  },
  {
    strategy: "source_priority",
    name: "the highest-ranked source beats later values of others; unlisted sources rank last",
    priority: [VENDOR, CRM],
    given: [
      { value: "crm", day: 5, source: CRM, id: 1 },
      { value: "vendor-old", day: 1, source: VENDOR, id: 2 },
      { value: "vendor-new", day: 2, source: VENDOR, id: 3 },
      { value: "web", day: 9, source: WEB, id: 4 },
    ],
    wins: "vendor-new",
  },
  {
    strategy: "source_priority",
    name: "with no listed source present, the latest value wins",
    priority: [VENDOR],
    given: [
      { value: "crm", day: 5, source: CRM, id: 1 },
      { value: "web", day: 4, source: WEB, id: 2 },
    ],
    wins: "crm",
  },
  {
    strategy: "first_seen",
    name: "the earliest event time",
    given: [
      { value: "second", day: 2, id: 1 },
      { value: "third", day: 3, id: 2 },
      { value: "first", day: 1, id: 3 },
    ],
    wins: "first",
  },
  {
    strategy: "most_frequent",
    name: "the value seen most often",
    given: [
      { value: "Oslo", day: 1, id: 1 },
      { value: "Bergen", day: 2, id: 2 },
      { value: "Oslo", day: 3, id: 3 },
      { value: "Paris", day: 4, id: 4 },
    ],
    wins: "Oslo",
  },
  {
    strategy: "most_frequent",
    name: "a tie goes to the value seen latest",
    given: [
      { value: 1, day: 1, id: 1 },
      { value: 2, day: 2, id: 2 },
      { value: 2, day: 3, id: 3 },
      { value: 1, day: 4, id: 4 },
    ],
    wins: 1,
  },
];

/** Every order of a small list (the arrival orders tried). */
const orders = <T>(items: T[]): T[][] =>
  items.length <= 1 ? [items] : items.flatMap((x, i) => orders(items.filter((_, j) => j !== i)).map((o) => [x, ...o]));

async function winnerOf(profile: string) {
  const [row] = await rows<{ value: unknown; source_id: string }>(
    handle.db,
    sql`SELECT value, source_id FROM profile_traits WHERE workspace_id = ${source.workspaceId} AND profile_id = ${profile} AND name = 'plan'`,
  );
  return row?.value;
}

describe("trait survivorship", () => {
  for (const c of cases) {
    it(`${c.strategy}: ${c.name}, in every arrival order`, async () => {
      for (const order of orders(c.given)) {
        const profile = uuidv7();
        for (const g of order) {
          const value: TraitValue = {
            profile,
            event: eventOf(profile, g.id),
            name: "plan",
            value: g.value,
            at: day(g.day),
            source: g.source ?? WEB,
          };
          await handle.db.transaction((tx) =>
            recordTraits(tx, source.workspaceId, [value], survivorship(c.strategy, c.priority)),
          );
        }
        expect(
          await winnerOf(profile),
          `arrival order ${order.map((o) => JSON.stringify(o.value)).join(", ")}`,
        ).toEqual(c.wins);
      }
      // All at once, in one call: the same winner.
      const profile = uuidv7();
      await handle.db.transaction((tx) =>
        recordTraits(
          tx,
          source.workspaceId,
          c.given.map((g) => ({
            profile,
            event: eventOf(profile, g.id),
            name: "plan",
            value: g.value,
            at: day(g.day),
            source: g.source ?? WEB,
          })),
          survivorship(c.strategy, c.priority),
        ),
      );
      expect(await winnerOf(profile)).toEqual(c.wins);
    });
  }

  it("keeps the history of every value, and a repeated event adds nothing", async () => {
    const profile = uuidv7();
    const value = { profile, event: event(1), name: "plan", value: "x", at: day(1), source: WEB };
    const s = survivorship("most_frequent");
    await handle.db.transaction((tx) =>
      recordTraits(tx, source.workspaceId, [value, { ...value, event: event(2) }], s),
    );
    await handle.db.transaction((tx) =>
      recordTraits(tx, source.workspaceId, [{ ...value, value: "y", event: event(3) }], s),
    );
    await handle.db.transaction((tx) =>
      recordTraits(tx, source.workspaceId, [{ ...value, value: "y", event: event(3) }], s),
    );
    const history = await rows<{ n: number }>(
      handle.db,
      sql`SELECT count(*)::int AS n FROM trait_history WHERE workspace_id = ${source.workspaceId} AND profile_id = ${profile}`,
    );
    expect(history[0].n).toBe(3);
    expect(await winnerOf(profile)).toBe("x");
  });

  it("marks the surviving value as current in the profile's trait history, not the newest one", async () => {
    const profile = uuidv7();
    await handle.db.execute(
      sql`INSERT INTO profiles (workspace_id, id, first_seen, last_seen) VALUES (${source.workspaceId}, ${profile}, ${day(1)}, ${day(2)})`,
    );
    await handle.db.transaction((tx) =>
      recordTraits(
        tx,
        source.workspaceId,
        [1, 2].map((n) => ({
          profile,
          event: eventOf(profile, n),
          name: "plan",
          value: `v${n}`,
          at: day(n),
          source: WEB,
        })),
        survivorship("first_seen"),
      ),
    );
    const scope = { db: handle.db, workspaceId: source.workspaceId, role: "admin" as const, actor: SYSTEM_ACTOR };
    expect((await traitHistory(scope, profile, "plan")).map((h) => [h.value, h.current])).toEqual([
      ["v2", false],
      ["v1", true],
    ]);
  });

  it("keeps a trait set to null as null instead of refusing the batch", async () => {
    const profile = uuidv7();
    await handle.db.transaction((tx) =>
      recordTraits(
        tx,
        source.workspaceId,
        [
          { profile, event: eventOf(profile, 1), name: "plan", value: "pro", at: day(1), source: WEB },
          { profile, event: eventOf(profile, 2), name: "plan", value: null, at: day(2), source: WEB },
        ],
        survivorship("latest"),
      ),
    );
    expect(await winnerOf(profile)).toBeNull();
  });

  it("a merge recomputes the survivor's traits from the combined history under each strategy", async () => {
    await handle.db
      .insert(identitySettings)
      .values({
        workspaceId: source.workspaceId,
        rules: {
          ...DEFAULT_RULES,
          survivorship: {
            default: "latest",
            traits: { signup: "first_seen", city: "most_frequent" },
            sourcePriority: [],
          },
        },
      })
      .onConflictDoUpdate({ target: identitySettings.workspaceId, set: { rules: sql`excluded.rules` } });
    let n = 0;
    const store = (...messages: Record<string, unknown>[]) =>
      storeMessages(
        handle.db,
        source.workspaceId,
        source.sourceId,
        new Date(),
        messages.map((m) => ({ messageId: `merge-${++n}`, ...m })),
      );
    // Two profiles: a device (older) and a user; then an event links them and they merge.
    await store(
      {
        type: "identify",
        anonymousId: "dev-m",
        traits: { signup: "web", city: "Oslo", plan: "free" },
        timestamp: day(1),
      },
      { type: "identify", anonymousId: "dev-m", traits: { city: "Oslo" }, timestamp: day(2) },
    );
    await store({
      type: "identify",
      userId: "merge-user",
      traits: { signup: "app", city: "Rome", plan: "pro" },
      timestamp: day(5),
    });
    await drainPipeline(handle.db, [identityConsumer]);
    await store({ type: "track", event: "Linked", anonymousId: "dev-m", userId: "merge-user", timestamp: day(6) });
    await drainPipeline(handle.db, [identityConsumer]);
    const [{ profile_id }] = await rows<{ profile_id: string }>(
      handle.db,
      sql`SELECT profile_id FROM identities WHERE workspace_id = ${source.workspaceId} AND type = 'user_id' AND value = 'merge-user'`,
    );
    const traits = await rows<{ name: string; value: unknown }>(
      handle.db,
      sql`SELECT name, value FROM profile_traits WHERE workspace_id = ${source.workspaceId} AND profile_id = ${profile_id} ORDER BY name`,
    );
    // signup: first seen (the device's, day 1); city: most frequent (Oslo twice); plan: latest (day 5).
    expect(Object.fromEntries(traits.map((t) => [t.name, t.value]))).toEqual({
      city: "Oslo",
      plan: "pro",
      signup: "web",
    });
    const merged = await rows<{ n: number }>(
      handle.db,
      sql`SELECT count(*)::int AS n FROM profile_traits t JOIN profiles p ON p.workspace_id = t.workspace_id AND p.id = t.profile_id
          WHERE t.workspace_id = ${source.workspaceId} AND p.merged_into IS NOT NULL`,
    );
    expect(merged[0].n).toBe(0); // the merged-away profile keeps no golden record
  });
});
