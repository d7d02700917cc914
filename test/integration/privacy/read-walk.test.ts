import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { ROLES, can } from "@/server/auth/permissions";
import { useDatabase } from "@/server/database";
import { flushCatalog } from "@/server/ingestion/catalog-aggregator";
import { appRouter } from "@/server/trpc/root";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { at, storeMessages, storeRejection } from "../events/seed-events";
import { fileSource, importText } from "../imports/helpers";
import { post, webhookSource } from "../webhooks/helpers";
import { outcome, procedureAt } from "../trpc-call";
import { identityConsumer } from "@/server/identity/identity-consumer";
import { drainPipeline } from "@/server/pipeline/drain-pipeline";
import { applyEnrichment } from "@/server/enrichment/apply-enrichment";

/**
 * Walks every read procedure (every query of the root router) as every role, over a workspace whose
 * customer data holds personal values in every place they arrive: an email sent as anonymousId and as
 * userId, phones under phone_number (text and number), names in traits, an IP in context, emails deep in
 * properties, as a property key and in an event name, a refused event, a webhook payload and an import's row errors.
 * Roles without pii:read must see none of those values anywhere; roles with it must see every one.
 * A query added later fails here until it is given inputs below, and then if it lets a value through.
 */
const PII = {
  anonymousEmail: "ann.lee@example.com",
  userEmail: "bo.diaz@example.net",
  phoneText: "+47 912 34 567",
  phoneNumber: "4791234567",
  firstName: "Zelda",
  lastName: "Quixote",
  ip: "203.0.113.77",
  nestedEmail: "deep.contact@example.org",
  keyEmail: "guest.one@example.com",
  eventNameEmail: "named.in.event@example.com",
  rejectedEmail: "refused.user@example.com",
  webhookEmail: "hook.buyer@example.io",
  webhookPhone: "+1 555 867 5309",
  importEmail: "bad.row@example.com",
  importPhone: "+44 20 7946 0958",
};

const QUERIES = Object.entries(appRouter._def.procedures as Record<string, unknown>)
  .filter(([, p]) => (p as { _def: { type: string } })._def.type === "query")
  .map(([path]) => path);

let handle: DatabaseHandle;
let ws: SeededWorkspace;
let ids: {
  web: string;
  hook: string;
  file: string;
  importId: string;
  deliveryIds: string[];
  profileIds: string[];
  enrichmentId: string;
};
const t0 = new Date("2025-06-01T09:00:00.000Z");

beforeAll(async () => {
  handle = await freshDatabase();
  useDatabase(handle);
  ws = await seedWorkspace(handle.db, "Privacy");
  const owner = callerFor(handle.db, ws.members.owner, ws.id);
  const web = (await owner.sources.create({ name: "Web", type: "http" })).source.id;
  await storeMessages(handle.db, ws.id, web, at(t0, 0), [
    {
      type: "track",
      event: "Signed Up",
      anonymousId: PII.anonymousEmail,
      properties: { plan: "pro", phone_number: PII.phoneText },
    },
    {
      type: "identify",
      userId: PII.userEmail,
      traits: { first_name: PII.firstName, last_name: PII.lastName, phone_number: Number(PII.phoneNumber) },
      context: { ip: PII.ip },
    },
    { type: "track", event: `Invited ${PII.eventNameEmail}`, userId: "u-8" },
    {
      type: "track",
      event: "Order Completed",
      userId: "u-7",
      properties: { order: { contact: { note: `mail ${PII.nestedEmail}` } }, attendees: { [PII.keyEmail]: true } },
    },
  ]);
  await storeRejection(handle.db, ws.id, web, at(t0, 5), "a track call needs an event name (event)", {
    type: "track",
    userId: PII.rejectedEmail,
  });
  await flushCatalog();

  const hook = (await webhookSource(handle.db, ws.id, "Shop hooks")).id;
  for (const payload of [
    { type: "track", event: "Paid", userId: PII.webhookEmail, properties: { phone: PII.webhookPhone } },
    { type: "track", userId: PII.webhookEmail, properties: { contact: `call ${PII.webhookPhone}` } },
  ]) {
    expect((await post(hook, payload)).status).toBeLessThan(300);
  }
  await flushCatalog();
  const deliveries = await owner.webhooks.listDeliveries({ sourceId: hook });

  const file = (await fileSource(handle.db, ws.id, "CRM export")).id;
  const csv = `id,email,phone\nu-1,ok@example.com,1\nu-2,${PII.importEmail}\nu-3,not-an-email,${PII.importPhone}\n`;
  const summary = await importText(handle.db, ws.id, file, csv, {
    format: "csv",
    mapping: { mode: "identify", userIdColumn: "id", emailColumn: "email" },
  });
  const [imported] = (await owner.imports.list({ sourceId: file })).imports;
  expect(imported.rowsFailed, JSON.stringify(summary)).toBeGreaterThan(0);
  await drainPipeline(handle.db, [identityConsumer]); // profiles of every event above
  const profileIds = (await owner.profiles.search({ limit: 100 })).profiles.map((p) => p.id);
  expect(profileIds.length).toBeGreaterThan(3);
  const enrichment = await applyEnrichment(handle.db, ws.id, {
    name: "vendor.csv",
    keyType: "phone",
    rows: [
      { phone: PII.phoneText, tier: "gold" },
      { phone: "12", tier: "silver" },
    ],
  });
  ids = {
    web,
    hook,
    file,
    importId: imported.id,
    deliveryIds: deliveries.deliveries.map((d) => d.id),
    profileIds,
    enrichmentId: enrichment.fileId,
  };
});
afterAll(() => handle.close());

/** The inputs each query is walked with: every query of the router must be here. */
function inputsOf(path: string): unknown[] | undefined {
  const table: Record<string, unknown[]> = {
    "workspaces.mine": [undefined],
    "account.me": [undefined],
    "team.list": [undefined],
    "audit.list": [{}],
    "audit.actions": [undefined],
    "jobs.list": [{}],
    "jobs.pipelineLag": [undefined],
    "sources.list": [undefined],
    "sources.get": [ids.web, ids.hook, ids.file].map((sourceId) => ({ sourceId })),
    "events.list": [{}, { user: PII.anonymousEmail }, { user: PII.userEmail }, { event: "signed up" }, { user: "u-7" }],
    "events.debuggerFeed": [ids.web, ids.hook, ids.file].map((sourceId) => ({ sourceId })),
    "catalog.list": [{}, { search: "attendees" }, { search: "ann" }],
    "catalog.eventNames": [undefined],
    "webhooks.listDeliveries": [{ sourceId: ids.hook }],
    "webhooks.getDelivery": ids.deliveryIds.map((deliveryId) => ({ sourceId: ids.hook, deliveryId })),
    "imports.list": [{ sourceId: ids.file }],
    "imports.get": [{ importId: ids.importId }],
    "imports.errors": [{ importId: ids.importId }],
    "profiles.search": [{}, { query: "u-7" }, { query: PII.firstName }, { query: PII.userEmail }],
    "profiles.get": ids.profileIds.map((profileId) => ({ profileId })),
    "profiles.timeline": ids.profileIds.map((profileId) => ({ profileId })),
    "accessTokens.list": [undefined],
    "profiles.traitHistory": ids.profileIds.flatMap((profileId) =>
      ["first_name", "last_name", "phone_number"].map((name) => ({ profileId, name })),
    ),
    "identity.rules": [undefined],
    "enrichment.list": [{}],
    "enrichment.get": [{ fileId: ids.enrichmentId }],
    "enrichment.keyTypes": [undefined],
    "identity.testValue": [
      { value: "anonymous", type: "user_id" },
      { value: "+47 912 34 567", type: "phone" },
    ],
  };
  return table[path];
}

/** Everything a role reads through every query, as text (errors included: a message must not echo a value either). */
async function readEverything(role: (typeof ROLES)[number]): Promise<Map<string, string>> {
  const caller = callerFor(handle.db, ws.members[role], ws.id);
  const seen = new Map<string, string>();
  for (const path of QUERIES) {
    for (const [i, input] of (inputsOf(path) ?? []).entries()) {
      const result = await outcome(procedureAt(caller, path)(input));
      seen.set(`${path}#${i}`, JSON.stringify(result));
    }
  }
  return seen;
}

describe("the walk", () => {
  it("has inputs for every query of the router", () => {
    expect(QUERIES.length).toBeGreaterThan(10);
    expect(
      QUERIES.filter((path) => !inputsOf(path)?.length),
      "queries without inputs here: add them",
    ).toEqual([]);
  });
});

describe.each(ROLES)("every read procedure as %s", (role) => {
  it(can(role, "pii:read") ? "shows every personal value somewhere" : "shows no personal value anywhere", async () => {
    const seen = await readEverything(role);
    const all = [...seen.values()].join("\n");
    if (can(role, "pii:read")) {
      expect(
        Object.values(PII).filter((value) => !all.includes(value)),
        "personal values never shown",
      ).toEqual([]);
      return;
    }
    const leaks = [...seen].flatMap(([where, text]) =>
      Object.values(PII)
        .filter((value) => text.includes(value))
        .map((value) => `${where}: ${value}`),
    );
    expect(leaks).toEqual([]);
    // The walk read real data, not refusals: the masked values are there.
    expect(all).toContain("•••@•••");
    expect(seen.get("events.list#0")).toContain("Signed Up");
  });
});
