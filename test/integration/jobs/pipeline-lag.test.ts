import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { catalogConsumer } from "@/server/catalog/catalog-consumer";
import { identityConsumer } from "@/server/identity/identity-consumer";
import { drainPipeline } from "@/server/pipeline/drain-pipeline";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { storeMessages } from "../events/seed-events";
import { expectTrpcError } from "../trpc-call";

/** The Jobs page's pipeline lag: per consumer, the workspace's events it has not processed and how long they wait. */
let handle: DatabaseHandle;
let acme: SeededWorkspace;
let globex: SeededWorkspace;
let acmeWeb: string;
let globexWeb: string;
beforeAll(async () => {
  handle = await freshDatabase();
  acme = await seedWorkspace(handle.db, "Acme");
  globex = await seedWorkspace(handle.db, "Globex");
  acmeWeb = (await admin(acme).sources.create({ name: "Web", type: "http" })).source.id;
  globexWeb = (await admin(globex).sources.create({ name: "Web", type: "http" })).source.id;
});
afterAll(() => handle.close());

const admin = (ws: SeededWorkspace) => callerFor(handle.db, ws.members.admin, ws.id);
const track = (messageId: string) => ({ type: "track", userId: "u1", event: "Clicked", messageId });
const lagOf = async (ws: SeededWorkspace) =>
  Object.fromEntries((await admin(ws).jobs.pipelineLag()).consumers.map((c) => [c.id, c]));

describe("jobs.pipelineLag", () => {
  it("says, per consumer by name, how many of the workspace's events wait and since when, until it catches up", async () => {
    const receivedAt = new Date(Date.now() - 60_000);
    await storeMessages(handle.db, acme.id, acmeWeb, receivedAt, [track("a1"), track("a2"), track("a3")]);
    await storeMessages(handle.db, globex.id, globexWeb, new Date(), [track("g1"), track("g2")]);

    let lag = await lagOf(acme);
    expect(Object.keys(lag).sort()).toEqual(["catalog", "identity"]);
    expect(lag.identity).toMatchObject({ name: "Identity resolution", behind: 3, atLeast: false });
    expect(lag.catalog).toMatchObject({ name: "Event catalog", behind: 3, lastAdvancedAt: null });
    expect(lag.catalog.oldestWaitingSince?.getTime()).toBe(receivedAt.getTime());
    expect((await lagOf(globex)).identity.behind).toBe(2); // each workspace sees its own events only

    await drainPipeline(handle.db, [identityConsumer]);
    lag = await lagOf(acme);
    expect(lag.identity).toMatchObject({ behind: 0, oldestWaitingSince: null });
    expect(lag.identity.lastAdvancedAt).toBeInstanceOf(Date);
    expect(lag.catalog.behind).toBe(3); // consumers keep their own positions

    await drainPipeline(handle.db, [catalogConsumer]);
    expect((await lagOf(acme)).catalog).toMatchObject({ behind: 0, oldestWaitingSince: null });
  });

  it("needs jobs:read", async () => {
    for (const role of ["marketer", "analyst", "viewer"] as const)
      await expectTrpcError(callerFor(handle.db, acme.members[role], acme.id).jobs.pipelineLag(), "FORBIDDEN");
    await expectTrpcError(callerFor(handle.db, null).jobs.pipelineLag(), "UNAUTHORIZED");
  });
});
