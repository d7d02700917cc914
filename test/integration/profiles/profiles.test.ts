import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type DatabaseHandle } from "@/db/client";
import { identityConsumer } from "@/server/identity/identity-consumer";
import { drainPipeline } from "@/server/pipeline/drain-pipeline";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { storeMessages } from "../events/seed-events";

/** The profiles explorer's procedures over resolved events. */
let handle: DatabaseHandle;
let ws: SeededWorkspace;
let other: SeededWorkspace;
let web: string;
beforeAll(async () => {
  handle = await freshDatabase();
  ws = await seedWorkspace(handle.db, "Shop");
  other = await seedWorkspace(handle.db, "Other");
  web = (await callerFor(handle.db, ws.members.owner, ws.id).sources.create({ name: "Web", type: "http" })).source.id;
  const otherWeb = (
    await callerFor(handle.db, other.members.owner, other.id).sources.create({ name: "Web", type: "http" })
  ).source.id;
  const store = (workspaceId: string, sourceId: string, messages: Record<string, unknown>[]) =>
    storeMessages(handle.db, workspaceId, sourceId, new Date(), messages);
  await store(ws.id, web, [
    { type: "page", anonymousId: "anon-ana", name: "Home", timestamp: "2026-03-01T10:00:00Z", messageId: "p1" },
  ]);
  await store(ws.id, web, [
    {
      type: "identify",
      anonymousId: "anon-ana",
      userId: "ana",
      traits: { email: "ana@example.com", plan: "free", name: "Ana Lima" },
      timestamp: "2026-03-01T10:05:00Z",
      messageId: "i1",
    },
  ]);
  await store(ws.id, web, [
    {
      type: "track",
      userId: "ana",
      event: "Order Completed",
      properties: { total: 30 },
      timestamp: "2026-03-02T09:00:00Z",
      messageId: "t1",
    },
  ]);
  await store(ws.id, web, [
    { type: "identify", userId: "ana", traits: { plan: "pro" }, timestamp: "2026-03-03T09:00:00Z", messageId: "i2" },
  ]);
  for (let i = 0; i < 30; i++)
    await store(ws.id, web, [
      {
        type: "page",
        anonymousId: `visitor-${i}`,
        name: "Home",
        timestamp: new Date(Date.UTC(2026, 1, 1, 0, i)).toISOString(),
        messageId: `v${i}`,
      },
    ]);
  await store(other.id, otherWeb, [
    { type: "identify", userId: "ana", traits: { email: "ana@example.com" }, messageId: "o1" },
  ]);
  await drainPipeline(handle.db, [identityConsumer]);
  await flushCatalog(); // event names for the case-insensitive filter
});
afterAll(async () => {
  await flushCatalog();
  await handle.close();
});

const as = (role: keyof SeededWorkspace["members"]) => callerFor(handle.db, ws.members[role], ws.id).profiles;

describe("profiles", () => {
  it("finds a profile by any identifier (emails in any case) or by part of a trait value, in this workspace only", async () => {
    for (const query of ["ana", "anon-ana", "ANA@example.com", "Lima"]) {
      const found = await as("analyst").search({ query });
      expect(
        found.profiles.map((p) => p.label),
        query,
      ).toEqual(["Ana Lima"]);
    }
    expect((await as("analyst").search({ query: "nobody-here" })).profiles).toEqual([]);
  });

  it("pages through profiles by recent activity without repeats", async () => {
    const seen: string[] = [];
    let after: { at: string; id: string } | undefined;
    do {
      const page = await as("viewer").search({ limit: 7, after });
      seen.push(...page.profiles.map((p) => p.id));
      after = page.nextCursor ?? undefined;
    } while (after);
    expect(seen).toHaveLength(31);
    expect(new Set(seen).size).toBe(31);
    expect((await as("viewer").search({ limit: 1 })).profiles[0].label).toMatch(/Ana|•/); // Ana was seen last
  });

  it("shows a profile's identities with where they were seen, its traits with source and history, and its timeline", async () => {
    const [ana] = (await as("marketer").search({ query: "ana" })).profiles;
    const profile = await as("marketer").get({ profileId: ana.id });
    expect(profile.identities.map((i) => `${i.type}:${i.value}:${i.source}`)).toEqual([
      "anonymous_id:anon-ana:Web",
      "email:ana@example.com:Web",
      "user_id:ana:Web",
    ]);
    expect(Object.fromEntries(profile.traits.map((t) => [t.name, t.value]))).toEqual({
      email: "ana@example.com",
      name: "Ana Lima",
      plan: "pro",
    });
    expect(profile.traits.find((t) => t.name === "plan")).toMatchObject({ source: "Web", versions: 2 });
    const history = await as("marketer").traitHistory({ profileId: ana.id, name: "plan" });
    expect(history.map((h) => h.value)).toEqual(["pro", "free"]);

    const timeline = await as("marketer").timeline({ profileId: ana.id });
    expect(timeline.events.map((e) => e.messageId).sort()).toEqual(["i1", "i2", "p1", "t1"]);
    const tracks = await as("marketer").timeline({ profileId: ana.id, type: "track", event: "order completed" });
    expect(tracks.events.map((e) => e.messageId)).toEqual(["t1"]);
  });

  it("answers for a merged-away profile with the one it joined", async () => {
    const [merge] = await rows<{ from_profile_id: string; into_profile_id: string }>(
      handle.db,
      sql`SELECT from_profile_id, into_profile_id FROM profile_merges WHERE workspace_id = ${ws.id}`,
    );
    if (!merge) {
      // anon-ana and ana arrived on one event: no merge happened; the explorer never lists merged ids either way.
      expect((await as("admin").search({ limit: 100 })).profiles.length).toBe(31);
      return;
    }
    const profile = await as("admin").get({ profileId: merge.from_profile_id });
    expect(profile).toMatchObject({ id: merge.into_profile_id, mergedFrom: merge.from_profile_id });
  });

  it("masks personal data for a viewer and refuses a search by a personal value", async () => {
    const [ana] = (await as("viewer").search({ query: "ana" })).profiles;
    const profile = await as("viewer").get({ profileId: ana.id });
    expect(JSON.stringify(profile)).not.toContain("ana@example.com");
    expect(JSON.stringify(profile)).not.toContain("Ana Lima");
    await expect(as("viewer").search({ query: "ana@example.com" })).rejects.toThrow(/may not search by personal data/);
  });

  it("answers NOT_FOUND for a profile of another workspace", async () => {
    const [theirs] = await rows<{ id: string }>(
      handle.db,
      sql`SELECT id FROM profiles WHERE workspace_id = ${other.id}`,
    );
    await expect(as("admin").get({ profileId: theirs.id })).rejects.toThrow(/No such profile/);
    expect((await as("admin").timeline({ profileId: theirs.id })).events).toEqual([]);
  });
});
