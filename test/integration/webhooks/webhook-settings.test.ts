import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { auditLog, sources, webhookDeliveries } from "@/db/schema";
import { useDatabase } from "@/server/database";
import { decryptSecret } from "@/server/secrets/encrypt-secret";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { expectTrpcError } from "../trpc-call";
import { deliveriesOf, eventsOf, post, webhookSource } from "./helpers";

let handle: DatabaseHandle;
let ws: SeededWorkspace;
const as = (role: "owner" | "admin" | "viewer" | "analyst") => callerFor(handle.db, ws.members[role], ws.id);

beforeAll(async () => {
  handle = await freshDatabase();
  useDatabase(handle);
  ws = await seedWorkspace(handle.db, "Settings Co");
});
afterAll(() => handle.close());

const auditRows = (action: string, targetId: string) =>
  handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, ws.id), eq(auditLog.action, action), eq(auditLog.targetId, targetId)));

describe("the mapping", () => {
  it("is saved when it compiles, with an audit row holding before and after", async () => {
    const source = await webhookSource(handle.db, ws.id, "Mapped");
    await as("admin").webhooks.setMapping({ sourceId: source.id, mapping: '{"type": "identify", "userId": id}' });
    expect((await as("viewer").sources.get({ sourceId: source.id })).mapping).toBe(
      '{"type": "identify", "userId": id}',
    );
    const [audit] = await auditRows("webhook.set_mapping", source.id);
    expect(audit).toMatchObject({
      actorEmail: ws.members.admin.email,
      summary: { before: { mapping: null }, after: { mapping: '{"type": "identify", "userId": id}' } },
    });
  });

  it("is refused with the syntax error's position when it does not compile, and nothing changes", async () => {
    const source = await webhookSource(handle.db, ws.id, "Typo");
    await expectTrpcError(
      as("owner").webhooks.setMapping({ sourceId: source.id, mapping: '{"type": "track",, }' }),
      "BAD_REQUEST",
      /does not compile: line 1, column 18: , cannot start an expression here \(S0211\)\n/,
    );
    await expectTrpcError(
      as("owner").webhooks.setMapping({
        sourceId: source.id,
        mapping: '{"type": "track", "event": $match(kind, /(?<=x)y/).match}',
      }),
      "BAD_REQUEST",
      /not supported .*RE2 syntax/,
    );
    expect(await auditRows("webhook.set_mapping", source.id)).toEqual([]);
  });

  it("is refused on a source that is not a webhook source, and for roles without sources:manage", async () => {
    const file = await webhookSource(handle.db, ws.id, "Files", "file");
    await expectTrpcError(
      as("owner").webhooks.setMapping({ sourceId: file.id, mapping: "$" }),
      "BAD_REQUEST",
      /not a webhook source/,
    );
    const source = await webhookSource(handle.db, ws.id, "Guarded");
    await expectTrpcError(as("viewer").webhooks.setMapping({ sourceId: source.id, mapping: "$" }), "FORBIDDEN");
    await expectTrpcError(as("analyst").webhooks.replay({ sourceId: source.id, failed: true }), "FORBIDDEN");
  });

  it("previews the normalized events, the refused ones, or the error, and stores nothing", async () => {
    const source = await webhookSource(handle.db, ws.id, "Preview");
    const sample = JSON.stringify({ users: [{ id: "a", plan: "pro" }, { plan: "free" }] });
    const preview = await as("owner").webhooks.previewMapping({
      sourceId: source.id,
      mapping: 'users.{"type": "identify", "userId": id, "traits": {"plan": plan}}',
      samplePayload: sample,
    });
    expect(preview).toMatchObject({
      status: "mapped",
      events: [
        {
          type: "identify",
          userId: "a",
          message: { traits: { plan: "pro" }, messageId: expect.stringMatching(/^wh-/) },
        },
      ],
      rejected: [{ index: 1, reason: "userId or anonymousId is required" }],
    });
    expect(
      await as("owner").webhooks.previewMapping({ sourceId: source.id, mapping: "users[", samplePayload: sample }),
    ).toMatchObject({
      status: "mapping_failed",
      error: expect.stringMatching(/^line 1, column 7: expected "]" before the end of the expression \(S0203\)\n/),
    });
    expect(
      await as("owner").webhooks.previewMapping({ sourceId: source.id, mapping: "$", samplePayload: "{oops" }),
    ).toMatchObject({ status: "invalid_sample" });
    expect(await eventsOf(handle.db, ws.id, source.id)).toEqual([]);
    expect(await deliveriesOf(handle.db, ws.id, source.id)).toEqual([]);
  });
});

describe("sample headers in the preview", () => {
  it("gives the sample headers to the mapping as $headers, kept as a live delivery's would be", async () => {
    const source = await webhookSource(handle.db, ws.id, "Shopify preview");
    const preview = await as("admin").webhooks.previewMapping({
      sourceId: source.id,
      mapping:
        '{"type": "track", "event": $headers."x-shopify-topic", "userId": customer.id, "properties": {"headers": $headers}}',
      samplePayload: JSON.stringify({ customer: { id: "c-1" } }),
      sampleHeaders: "X-Shopify-Topic: orders/create\r\n\nX-Shopify-Hmac-Sha256: c2VjcmV0\nX-Shop-Note:  spaced value ",
    });
    expect(preview).toMatchObject({
      status: "mapped",
      events: [{ type: "track", event: "orders/create", userId: "c-1" }],
    });
    expect(preview.events[0].message.properties).toEqual({
      headers: { "x-shopify-topic": "orders/create", "x-shop-note": "spaced value" },
    });
    const without = await as("admin").webhooks.previewMapping({
      sourceId: source.id,
      mapping: '{"type": "identify", "userId": "u", "traits": {"headers": $string($headers)}}',
      samplePayload: "{}",
    });
    expect(without.events[0].message.traits).toEqual({ headers: "{}" });
  });

  it("refuses a malformed sample header line with BAD_REQUEST naming the line", async () => {
    const source = await webhookSource(handle.db, ws.id, "Bad headers");
    const input = { sourceId: source.id, mapping: "$", samplePayload: '{"type": "identify", "userId": "u"}' };
    await expectTrpcError(
      as("owner").webhooks.previewMapping({ ...input, sampleHeaders: "X-Good: 1\nnot a header\nX-Also-Good: 2" }),
      "BAD_REQUEST",
      /^Sample headers: line 2 \("not a header"\) is not a "Name: value" header$/,
    );
    await expectTrpcError(
      as("owner").webhooks.previewMapping({ ...input, sampleHeaders: "X-Good: 1\n\nBad Name: 3" }),
      "BAD_REQUEST",
      /^Sample headers: line 3 \("Bad Name: 3"\)/,
    );
    await expectTrpcError(as("viewer").webhooks.previewMapping({ ...input, sampleHeaders: "X-Good: 1" }), "FORBIDDEN");
  });
});

describe("signature settings", () => {
  it("returns a whsec_ secret once, keeps it encrypted, audits without it, and disabling forgets it", async () => {
    const source = await webhookSource(handle.db, ws.id, "Signing");
    const { secret } = await as("owner").webhooks.enableSignature({ sourceId: source.id });
    expect(secret).toMatch(/^whsec_/);
    const [row] = await handle.db.select().from(sources).where(eq(sources.id, source.id));
    expect(row.settings.signingSecretEncrypted).toBeDefined();
    expect(JSON.stringify(row.settings)).not.toContain(secret.slice(6));
    expect(decryptSecret(row.settings.signingSecretEncrypted!)).toBe(secret);
    expect(JSON.stringify(await as("owner").sources.get({ sourceId: source.id }))).not.toContain(secret.slice(6));
    expect((await as("owner").sources.get({ sourceId: source.id })).signatureRequired).toBe(true);

    const rotated = await as("owner").webhooks.enableSignature({ sourceId: source.id });
    expect(rotated.secret).not.toBe(secret);
    const audits = await auditRows("webhook.signature_enable", source.id);
    expect(audits.map((a) => a.summary)).toEqual([
      { before: { signatureRequired: false }, after: { signatureRequired: true } },
      { before: { signatureRequired: true }, after: { signatureRequired: true, rotated: true } },
    ]);
    expect(JSON.stringify(audits)).not.toContain(secret.slice(6));

    await as("admin").webhooks.disableSignature({ sourceId: source.id });
    expect((await as("owner").sources.get({ sourceId: source.id })).signatureRequired).toBe(false);
    expect(await auditRows("webhook.signature_disable", source.id)).toHaveLength(1);
    expect(await post(source.id, { type: "identify", userId: "x" })).toMatchObject({ status: 200 });
  });
});

describe("deliveries and replay", () => {
  let sourceId: string;
  beforeAll(async () => {
    sourceId = (await webhookSource(handle.db, ws.id, "Replays")).id;
    await as("owner").webhooks.setMapping({
      sourceId,
      mapping:
        'items.{"type": "track", "event": "Bought", "userId": $$.buyer, "properties": {"sku": sku.code, "n": $number($$.buyer)}}',
    });
  });

  it("lists deliveries newest first, paginated, with status, error and event count", async () => {
    await post(
      sourceId,
      { buyer: "b1", items: [{ sku: { code: "A1" } }, { sku: { code: "B2" } }] },
      { headers: { "webhook-id": "evt_1" } },
    );
    await post(sourceId, { buyer: "b2", items: [{ sku: { code: "C3" } }] });
    await post(sourceId, { buyer: "b3", items: [] });
    const page = await as("viewer").webhooks.listDeliveries({ sourceId, pageSize: 2 });
    expect(page.total).toBe(3);
    expect(page.deliveries).toHaveLength(2);
    expect(page.deliveries.map((d) => d.status)).toEqual(["mapped", "mapping_failed"]);
    expect(page.deliveries[1]).toMatchObject({
      eventCount: 0,
      error: expect.stringMatching(/cannot be turned into a number \(D3030\)/),
      payloadPreview: expect.stringContaining('"buyer":"b2"'),
    });
    expect(
      (await as("owner").webhooks.listDeliveries({ sourceId, pageSize: 2 })).deliveries[1].payloadPreview,
    ).toContain('"buyer": "b2"');
    const failed = await as("owner").webhooks.listDeliveries({ sourceId, status: "mapping_failed" });
    expect(failed.total).toBe(2);
    // Nothing personal in it: a role without pii:read sees it as it is (personal data would be masked).
    expect(await as("viewer").webhooks.getDelivery({ sourceId, deliveryId: failed.deliveries[0].id })).toMatchObject({
      payload: { buyer: "b2" },
    });
    expect(await as("owner").webhooks.getDelivery({ sourceId, deliveryId: failed.deliveries[0].id })).toMatchObject({
      payload: { buyer: "b2" },
    });
  });

  it("replays the failed deliveries once the mapping is fixed: each event stored exactly once, and again adds nothing", async () => {
    await as("owner").webhooks.setMapping({
      sourceId,
      mapping: 'items.{"type": "track", "event": "Bought", "userId": $$.buyer, "properties": {"sku": sku.code}}',
    });
    const first = await as("admin").webhooks.replay({ sourceId, failed: true });
    expect(first).toMatchObject({ replayed: 2, stillFailing: 0, events: 3, newEvents: 3, remaining: 0 });
    const stored = await eventsOf(handle.db, ws.id, sourceId);
    expect(stored.map((e) => e.userId).sort()).toEqual(["b1", "b1", "b2"]);

    const deliveries = await deliveriesOf(handle.db, ws.id, sourceId);
    expect(deliveries.map((d) => [d.status, d.eventCount, d.attempts])).toEqual([
      ["mapped", 2, 2],
      ["mapped", 1, 2],
      ["mapped", 0, 1],
    ]);

    const again = await as("admin").webhooks.replay({ sourceId, failed: true });
    expect(again).toMatchObject({ replayed: 0, newEvents: 0 });
    const one = await as("admin").webhooks.replay({ sourceId, deliveryId: deliveries[0].id });
    expect(one).toMatchObject({ replayed: 1, events: 2, newEvents: 0 });
    expect(await eventsOf(handle.db, ws.id, sourceId)).toHaveLength(3);

    // The sender re-sends evt_1 (same webhook-id) after the replay: still nothing new.
    expect(
      (
        await post(
          sourceId,
          { buyer: "b1", items: [{ sku: { code: "A1" } }, { sku: { code: "B2" } }] },
          { headers: { "webhook-id": "evt_1" } },
        )
      ).body,
    ).toMatchObject({ newEvents: 0 });
    expect(await eventsOf(handle.db, ws.id, sourceId)).toHaveLength(3);

    const audits = await auditRows("webhook.replay", sourceId);
    expect(audits).toHaveLength(3);
    expect(audits[0].summary).toMatchObject({ after: { failed: true, deliveries: 2, newEvents: 3 } });
  });

  it("never replays a delivery whose signature failed", async () => {
    const signed = (await webhookSource(handle.db, ws.id, "Signed replay")).id;
    await as("owner").webhooks.enableSignature({ sourceId: signed });
    await post(signed, { type: "identify", userId: "forged" });
    const [delivery] = await deliveriesOf(handle.db, ws.id, signed);
    expect(delivery.status).toBe("signature_failed");
    await expectTrpcError(
      as("owner").webhooks.replay({ sourceId: signed, deliveryId: delivery.id }),
      "CONFLICT",
      /signature failed/,
    );
    expect(await as("owner").webhooks.replay({ sourceId: signed, failed: true })).toMatchObject({ replayed: 0 });
  });

  it("replays with the headers kept with the delivery, once the mapping is fixed", async () => {
    const github = (await webhookSource(handle.db, ws.id, "GitHub replay")).id;
    await as("owner").webhooks.setMapping({
      sourceId: github,
      mapping: '{"type": "track", "event": $headers."x-github-evnt", "userId": sender.login}',
    });
    expect(
      (await post(github, { sender: { login: "octocat" } }, { headers: { "X-GitHub-Event": "issues" } })).body,
    ).toMatchObject({ status: "rejected" });
    await as("owner").webhooks.setMapping({
      sourceId: github,
      mapping: '{"type": "track", "event": $headers."x-github-event", "userId": sender.login}',
    });
    expect(await as("owner").webhooks.replay({ sourceId: github, failed: true })).toMatchObject({
      replayed: 1,
      stillFailing: 0,
      newEvents: 1,
    });
    expect(await eventsOf(handle.db, ws.id, github)).toMatchObject([{ event: "issues", userId: "octocat" }]);
    const [delivery] = await deliveriesOf(handle.db, ws.id, github);
    expect(await as("owner").webhooks.getDelivery({ sourceId: github, deliveryId: delivery.id })).toMatchObject({
      headers: { "x-github-event": "issues" },
    });
  });

  it("maps a delivery kept without headers with $headers as an empty object", async () => {
    const legacy = (await webhookSource(handle.db, ws.id, "Kept before headers")).id;
    const id = uuidv7();
    await handle.db.insert(webhookDeliveries).values({
      workspaceId: ws.id,
      id,
      sourceId: legacy,
      payload: { user: "old" },
      status: "mapping_failed",
      error: "T1006",
      headers: null,
    });
    await as("owner").webhooks.setMapping({
      sourceId: legacy,
      mapping: '{"type": "track", "event": "Headers " & $string($headers), "userId": user}',
    });
    expect(await as("owner").webhooks.replay({ sourceId: legacy, deliveryId: id })).toMatchObject({
      replayed: 1,
      stillFailing: 0,
      newEvents: 1,
    });
    expect(await eventsOf(handle.db, ws.id, legacy)).toMatchObject([{ event: "Headers {}", userId: "old" }]);
  });

  it("keeps workspaces apart: another workspace's source is NOT_FOUND", async () => {
    const other = await seedWorkspace(handle.db, "Other Co");
    const theirs = await webhookSource(handle.db, other.id, "Theirs");
    await expectTrpcError(as("owner").webhooks.listDeliveries({ sourceId: theirs.id }), "NOT_FOUND");
    await expectTrpcError(as("owner").webhooks.replay({ sourceId: theirs.id, failed: true }), "NOT_FOUND");
    await expectTrpcError(as("owner").webhooks.setMapping({ sourceId: theirs.id, mapping: "$" }), "NOT_FOUND");
  });
});
