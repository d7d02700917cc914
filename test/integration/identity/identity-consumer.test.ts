import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type DatabaseHandle } from "@/db/client";
import { identityConsumer } from "@/server/identity/identity-consumer";
import { drainPipeline } from "@/server/pipeline/drain-pipeline";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { freshDatabase } from "../../helpers/test-db";
import { storeMessages } from "../events/seed-events";
import { createTestSource, type TestSource } from "../ingestion/tracking-server";

/** Identity resolution through the real pipeline: stored events → identity graph, timeline and golden record. */
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

let n = 0;
const store = (...messages: Record<string, unknown>[]) =>
  storeMessages(
    handle.db,
    source.workspaceId,
    source.sourceId,
    new Date(),
    messages.map((m) => ({ messageId: `m${++n}`, ...m })),
  );
const resolve = async () => {
  await drainPipeline(handle.db, [identityConsumer]);
};
/** The profile holding an identifier, with all its identifiers. */
async function profileOf(type: string, value: string) {
  const [row] = await rows<{ profile_id: string }>(
    handle.db,
    sql`SELECT profile_id FROM identities WHERE workspace_id = ${source.workspaceId} AND type = ${type} AND value = ${value}`,
  );
  if (!row) return null;
  const members = await rows<{ type: string; value: string }>(
    handle.db,
    sql`SELECT type, value FROM identities WHERE workspace_id = ${source.workspaceId} AND profile_id = ${row.profile_id} ORDER BY type, value`,
  );
  return { id: row.profile_id, identifiers: members.map((m) => `${m.type}:${m.value}`) };
}
const traitsOf = async (profileId: string) =>
  Object.fromEntries(
    (
      await rows<{ name: string; value: unknown }>(
        handle.db,
        sql`SELECT name, value FROM profile_traits WHERE workspace_id = ${source.workspaceId} AND profile_id = ${profileId}`,
      )
    ).map((r) => [r.name, r.value]),
  );

describe("identity consumer", () => {
  it("stitches anonymous browsing on two devices to the person, with the timeline and the merge recorded", async () => {
    await store({ type: "page", anonymousId: "laptop-1", name: "Home", timestamp: "2026-06-01T08:00:00Z" });
    await store({ type: "page", anonymousId: "phone-1", name: "Pricing", timestamp: "2026-06-01T09:00:00Z" });
    await resolve();
    const before = (await profileOf("anonymous_id", "phone-1"))!.id;
    await store({
      type: "identify",
      anonymousId: "laptop-1",
      userId: "ana",
      traits: { email: "ana@example.com", plan: "free" },
      timestamp: "2026-06-01T10:00:00Z",
    });
    await store({
      type: "identify",
      anonymousId: "phone-1",
      traits: { email: "ANA@example.com" },
      timestamp: "2026-06-01T11:00:00Z",
    });
    await resolve();
    const ana = (await profileOf("user_id", "ana"))!;
    expect(ana.identifiers).toEqual([
      "anonymous_id:laptop-1",
      "anonymous_id:phone-1",
      "email:ana@example.com",
      "user_id:ana",
    ]);
    const timeline = await rows<{ n: number }>(
      handle.db,
      sql`SELECT count(*)::int AS n FROM profile_events WHERE profile_id = ${ana.id}`,
    );
    expect(timeline[0].n).toBe(4);
    const merges = await rows<{ from_profile_id: string }>(
      handle.db,
      sql`SELECT from_profile_id FROM profile_merges WHERE into_profile_id = ${ana.id}`,
    );
    expect(merges.map((m) => m.from_profile_id)).toEqual([before]); // the phone's profile joined the laptop's
    const [merged] = await rows<{ merged_into: string }>(
      handle.db,
      sql`SELECT merged_into FROM profiles WHERE id = ${before}`,
    );
    expect(merged.merged_into).toBe(ana.id);
    expect(await traitsOf(ana.id)).toMatchObject({ email: "ANA@example.com", plan: "free" });
  });

  it("keeps two people who used one device apart, and notes the identifier it dropped", async () => {
    await store({ type: "identify", anonymousId: "kiosk", userId: "carl" });
    await store({ type: "identify", anonymousId: "kiosk", userId: "dana" });
    await resolve();
    expect((await profileOf("user_id", "carl"))!.identifiers).toEqual(["anonymous_id:kiosk", "user_id:carl"]);
    expect((await profileOf("user_id", "dana"))!.identifiers).toEqual(["user_id:dana"]);
    const notes = await rows<{ type: string; reason: string }>(
      handle.db,
      sql`SELECT type, reason FROM identity_notes WHERE value = 'kiosk'`,
    );
    expect(notes).toEqual([{ type: "anonymous_id", reason: expect.stringMatching(/at most 1 user_id/) }]);
  });

  it("keeps the latest trait by event time, whatever the arrival order, with every value in the history", async () => {
    await store({ type: "identify", userId: "eve", traits: { plan: "pro" }, timestamp: "2026-05-02T00:00:00Z" });
    await resolve();
    await store({
      type: "identify",
      userId: "eve",
      traits: { plan: "trial", city: "Oslo" },
      timestamp: "2026-05-01T00:00:00Z",
    }); // older, arrives later
    await resolve();
    const eve = (await profileOf("user_id", "eve"))!;
    expect(await traitsOf(eve.id)).toEqual({ plan: "pro", city: "Oslo" });
    const history = await rows<{ value: string }>(
      handle.db,
      sql`SELECT value FROM trait_history WHERE profile_id = ${eve.id} AND name = 'plan' ORDER BY event_time`,
    );
    expect(history.map((h) => h.value)).toEqual(["trial", "pro"]);
  });

  it("skips malformed identifiers with a reason on the event, and goes on with the events behind them", async () => {
    const [bad] = await store({
      type: "identify",
      userId: "x".repeat(300),
      traits: { email: ["a@b.co"], phone: { n: 1 } },
    });
    await store({ type: "identify", userId: "frank" });
    await resolve();
    const notes = await rows<{ type: string; reason: string }>(
      handle.db,
      sql`SELECT type, reason FROM identity_notes WHERE event_id = ${bad.id} ORDER BY type`,
    );
    expect(notes.map((x) => `${x.type}: ${x.reason}`)).toEqual([
      "email: email must be a string or a number, not an array",
      "phone: phone must be a string or a number, not object",
      "user_id: user_id is longer than 255 characters",
    ]);
    expect(await profileOf("user_id", "frank")).not.toBeNull();
  });

  it("gives every identifier exactly one profile when two workers resolve at once", async () => {
    const messages = Array.from({ length: 300 }, (_, i) => ({
      type: "identify",
      anonymousId: `dev-${i}`,
      userId: `person-${i % 60}`,
      traits: { email: `p${i % 60}@example.com` },
    }));
    for (let i = 0; i < messages.length; i += 50) await store(...messages.slice(i, i + 50));
    await Promise.all([resolve(), resolve()]);
    const people = await rows<{ profiles: number }>(
      handle.db,
      sql`SELECT count(DISTINCT profile_id)::int AS profiles FROM identities WHERE workspace_id = ${source.workspaceId} AND value LIKE 'person-%'`,
    );
    expect(people[0].profiles).toBe(60);
    const sizes = await rows<{ n: number }>(
      handle.db,
      sql`SELECT count(*)::int AS n FROM identities WHERE workspace_id = ${source.workspaceId} AND (value LIKE 'dev-%' OR value LIKE 'person-%' OR value LIKE 'p%@example.com') GROUP BY profile_id`,
    );
    expect(sizes.every((s) => s.n === 7)).toBe(true); // 5 devices + user id + email each
  });
});
