import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rows, type DatabaseHandle } from "@/db/client";
import { identityConsumer } from "@/server/identity/identity-consumer";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { drainPipeline } from "@/server/pipeline/drain-pipeline";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { freshDatabase } from "../../helpers/test-db";
import { storeMessages } from "../events/seed-events";

/**
 * Rules saved through identity.updateRules, applied by the real pipeline: a custom identifier type links two
 * devices into one profile, a workspace pattern blocks a value (with a note on the event), and events resolved
 * before the change keep their profiles.
 */
let handle: DatabaseHandle;
let ws: SeededWorkspace;
let sourceId: string;
beforeAll(async () => {
  handle = await freshDatabase();
  ws = await seedWorkspace(handle.db, "Pipeline rules");
  sourceId = (await admin().sources.create({ name: "App", type: "http" })).source.id;
});
afterAll(async () => {
  await flushCatalog();
  await handle.close();
});

function admin() {
  return callerFor(handle.db, ws.members.admin, ws.id);
}
let n = 0;
const store = (...messages: Record<string, unknown>[]) =>
  storeMessages(
    handle.db,
    ws.id,
    sourceId,
    new Date(),
    messages.map((m) => ({ messageId: `p${++n}`, ...m })),
  );
// Waits for the horizon too: another database's open transaction on a shared Postgres server holds it back.
const resolve = () => drainPipeline(handle.db, [identityConsumer]);
const profileOf = async (type: string, value: string) =>
  (
    await rows<{ profile_id: string }>(
      handle.db,
      sql`SELECT profile_id FROM identities WHERE workspace_id = ${ws.id} AND type = ${type} AND value = ${value}`,
    )
  )[0]?.profile_id ?? null;
const identifiersOf = async (profileId: string) =>
  (
    await rows<{ id: string }>(
      handle.db,
      sql`SELECT type || ':' || value AS id FROM identities WHERE workspace_id = ${ws.id} AND profile_id = ${profileId} ORDER BY 1`,
    )
  ).map((r) => r.id);
const saveRules = async (change: Record<string, unknown>) => {
  const { rules, version } = await admin().identity.rules();
  await admin().identity.updateRules({ ...rules, ...change, baseVersion: version });
};

describe("identity rules in the pipeline", () => {
  it("links two devices by a custom crm_id once it is added, leaving events resolved before alone", async () => {
    // Before: crm_id is just a trait, so two devices carrying the same one stay two profiles.
    await store(
      { type: "identify", anonymousId: "laptop-old", traits: { crm_id: "C-1" }, timestamp: "2026-06-01T08:00:00Z" },
      { type: "identify", anonymousId: "phone-old", traits: { crm_id: "C-1" }, timestamp: "2026-06-01T09:00:00Z" },
    );
    await resolve();
    expect(await profileOf("anonymous_id", "laptop-old")).not.toBe(await profileOf("anonymous_id", "phone-old"));

    await saveRules({ customTypes: [{ type: "crm_id", paths: ["traits.crm_id"] }] });
    await store(
      { type: "identify", anonymousId: "laptop-1", traits: { crm_id: "C-1001" }, timestamp: "2026-06-02T08:00:00Z" },
      { type: "page", anonymousId: "phone-1", name: "Home", timestamp: "2026-06-02T09:00:00Z" },
      {
        type: "track",
        event: "Signed In",
        anonymousId: "phone-1",
        context: { externalIds: [{ id: "C-1001", type: "crm_id", collection: "users", encoding: "none" }] },
        timestamp: "2026-06-02T09:05:00Z",
      },
    );
    await resolve();
    const person = await profileOf("crm_id", "C-1001");
    expect(person).not.toBeNull();
    expect(await identifiersOf(person!)).toEqual(["anonymous_id:laptop-1", "anonymous_id:phone-1", "crm_id:C-1001"]);
    // The devices resolved before the change were not revisited.
    expect(await profileOf("anonymous_id", "laptop-old")).not.toBe(await profileOf("anonymous_id", "phone-old"));
    expect(await profileOf("crm_id", "C-1")).toBeNull();
  });

  it("blocks a value matching the workspace's pattern, with the reason noted on the event", async () => {
    await saveRules({ blocked: ["/guest-\\d+/"] });
    const [event] = await store({ type: "identify", userId: "GUEST-42", anonymousId: "kiosk-9" });
    await resolve();
    expect(await profileOf("user_id", "GUEST-42")).toBeNull();
    expect(await profileOf("anonymous_id", "kiosk-9")).not.toBeNull();
    const notes = await rows<{ type: string; value: string | null; reason: string }>(
      handle.db,
      sql`SELECT type, value, reason FROM identity_notes WHERE workspace_id = ${ws.id} AND event_id = ${event.id}`,
    );
    expect(notes).toEqual([{ type: "user_id", value: null, reason: 'user_id "GUEST-42" is on the block list' }]);
    // A value the pattern does not match whole is linked as usual.
    await store({ type: "identify", userId: "guest-42-vip", anonymousId: "kiosk-10" });
    await resolve();
    expect(await profileOf("user_id", "guest-42-vip")).not.toBeNull();
  });

  it("suggests the trait names stored on profiles, most common first", async () => {
    await store(
      { type: "identify", userId: "t-1", traits: { plan: "pro", city: "Oslo" } },
      { type: "identify", userId: "t-2", traits: { plan: "free" } },
    );
    await resolve();
    const { traitNames } = await admin().identity.rules();
    expect(traitNames.slice(0, 2)).toEqual(["crm_id", "plan"]);
    expect(traitNames).toContain("city");
  });
});
