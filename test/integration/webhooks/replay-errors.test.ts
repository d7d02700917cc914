import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { useDatabase } from "@/server/database";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { freshDatabase } from "../../helpers/test-db";
import { outcome } from "../trpc-call";
import { deliveriesOf, eventsOf, post, webhookSource } from "./helpers";

let handle: DatabaseHandle;
let ws: SeededWorkspace;
const owner = () => callerFor(handle.db, ws.members.owner, ws.id);

beforeAll(async () => {
  handle = await freshDatabase();
  useDatabase(handle);
  ws = await seedWorkspace(handle.db, "Replay Errors Co");
});
afterAll(() => handle.close());

/** Makes every insert into events fail in the database, with a message a driver would pass on as it is. */
async function breakEventStorage() {
  await handle.db.execute(
    sql.raw(
      `CREATE FUNCTION refuse_events() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'INSERT INTO events failed for ana@example.com'; END $$`,
    ),
  );
  await handle.db.execute(
    sql.raw(`CREATE TRIGGER refuse_events BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_events()`),
  );
}
const repairEventStorage = () => handle.db.execute(sql.raw(`DROP TRIGGER refuse_events ON events`));

describe("a replay that cannot store its events", () => {
  it("tells the user in words, without the database's message, logs one line, and leaves the delivery replayable", async () => {
    const source = await webhookSource(handle.db, ws.id, "Replay breaks");
    await owner().webhooks.setMapping({
      sourceId: source.id,
      mapping: '{"type": "track", "event": "Paid", "userId": $number(user)}',
    });
    const sent = await post(source.id, { user: "ana" });
    expect(sent.body).toMatchObject({ status: "mapping_failed" });
    await owner().webhooks.setMapping({
      sourceId: source.id,
      mapping: '{"type": "track", "event": "Paid", "userId": user}',
    });

    await breakEventStorage();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const input of [
        { sourceId: source.id, deliveryId: sent.body.deliveryId as string },
        { sourceId: source.id, failed: true as const },
      ]) {
        const result = await outcome(owner().webhooks.replay(input));
        expect(result).toEqual({
          ok: false,
          code: "SERVICE_UNAVAILABLE",
          message: expect.stringMatching(/^The deliveries could not be replayed right now/),
        });
        if (!result.ok) expect(result.message).not.toMatch(/INSERT|events failed|ana@example\.com/);
      }
      expect(logged).toHaveBeenCalled();
      for (const [line] of logged.mock.calls) expect(typeof line).toBe("string");
    } finally {
      logged.mockRestore();
      await repairEventStorage();
    }
    const [delivery] = await deliveriesOf(handle.db, ws.id, source.id);
    expect(delivery).toMatchObject({ status: "mapping_failed", attempts: 1 });

    // Once storage works again, the same replay stores the event.
    expect(await owner().webhooks.replay({ sourceId: source.id, deliveryId: delivery.id })).toMatchObject({
      replayed: 1,
      stillFailing: 0,
      newEvents: 1,
    });
    expect(await eventsOf(handle.db, ws.id, source.id)).toMatchObject([{ event: "Paid", userId: "ana" }]);
  });
});
