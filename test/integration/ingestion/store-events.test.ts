import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import type { EventRow } from "@/server/ingestion/normalize-message";
import { storeEvents } from "@/server/ingestion/store-events";
import { freshDatabase } from "../../helpers/test-db";
import { eventRow } from "../events/seed-events";
import { createTestSource, type TestSource } from "./tracking-server";

/**
 * storeEvents tries a plain insert first and, only when the unique index refuses a stored messageId, stores
 * again skipping what is there: either way each messageId is stored once and reported new exactly once.
 */
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

const row = (messageId: string, event = "Clicked") => eventRow({ type: "track", userId: "u", event, messageId });

const store = (rows: EventRow[]) => storeEvents(handle.db, source.workspaceId, source.sourceId, rows);
const storedEvents = async (prefix: string) =>
  (
    await rawQuery<{ message_id: string; event: string }>(
      handle.db,
      `SELECT message_id, event FROM events WHERE message_id LIKE $1 ORDER BY message_id`,
      [`${prefix}%`],
    )
  ).map((r) => `${r.message_id}:${r.event}`);

describe("storeEvents", () => {
  it("stores new rows and returns every messageId, whatever their order", async () => {
    const rows = [row("new-c"), row("new-a"), row("new-b")];
    expect([...(await store(rows))].sort()).toEqual(["new-a", "new-b", "new-c"]);
    expect(rows.map((r) => r.messageId)).toEqual(["new-c", "new-a", "new-b"]);
    expect(await storedEvents("new-")).toEqual(["new-a:Clicked", "new-b:Clicked", "new-c:Clicked"]);
  });

  it("stores only the new rows of a statement that meets stored messageIds, and keeps the stored versions", async () => {
    await store([row("mix-1", "Original")]);
    const inserted = await store([row("mix-0"), row("mix-1", "Retry"), row("mix-2")]);
    expect([...inserted].sort()).toEqual(["mix-0", "mix-2"]);
    expect(await storedEvents("mix-")).toEqual(["mix-0:Clicked", "mix-1:Original", "mix-2:Clicked"]);
  });

  it("stores a messageId repeated inside one call once, the first of them", async () => {
    const inserted = await store([row("twice-a", "First"), row("twice-b"), row("twice-a", "Second")]);
    expect([...inserted].sort()).toEqual(["twice-a", "twice-b"]);
    expect(await storedEvents("twice-")).toEqual(["twice-a:First", "twice-b:Clicked"]);
  });

  it("reports a messageId sent by concurrent calls as new to exactly one of them", async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => store([row("race-shared", `Call ${i}`), row(`race-own-${i}`)])),
    );
    expect(results.filter((inserted) => inserted.has("race-shared"))).toHaveLength(1);
    for (const [i, inserted] of results.entries()) expect(inserted.has(`race-own-${i}`)).toBe(true);
    expect((await storedEvents("race-shared")).length).toBe(1);
  });

  it("stores text with tabs, line breaks, backslashes and any script exactly as sent", async () => {
    const awkward = "tab\there\nline\r\\N back\\slash \\. é 漢字 😀";
    const awkwardRow = eventRow({
      type: "track",
      messageId: `odd-${awkward}`,
      userId: awkward,
      anonymousId: "\\",
      event: awkward,
      properties: { text: awkward, nested: { path: "C:\\dir\\" } },
    });
    expect(await store([awkwardRow])).toEqual(new Set([`odd-${awkward}`]));
    const [stored] = await rawQuery<{
      message_id: string;
      user_id: string;
      anonymous_id: string;
      event: string;
      raw: Record<string, unknown>;
    }>(handle.db, `SELECT message_id, user_id, anonymous_id, event, raw FROM events WHERE message_id LIKE 'odd-%'`, []);
    expect(stored).toMatchObject({
      message_id: `odd-${awkward}`,
      user_id: awkward,
      anonymous_id: "\\",
      event: awkward,
    });
    expect(stored.raw).toMatchObject({ userId: awkward, properties: { text: awkward, nested: { path: "C:\\dir\\" } } });
  });

  it("stores nothing of a call that repeats only stored messageIds", async () => {
    await store([row("again-1"), row("again-2")]);
    expect((await store([row("again-2"), row("again-1")])).size).toBe(0);
    expect((await storedEvents("again-")).length).toBe(2);
  });
});
