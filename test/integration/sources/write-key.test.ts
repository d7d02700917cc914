import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, sources } from "@/db/schema";
import { ROLES, can, type Role } from "@/server/auth/permissions";
import { ensureDemoSource } from "@/server/demo/ensure-demo-source";
import { sourceByWriteKey } from "@/server/sources/source-by-write-key";
import { hashWriteKey } from "@/server/sources/write-key";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { expectTrpcError, outcome } from "../trpc-call";

let handle: DatabaseHandle;
let ws: SeededWorkspace;
let other: SeededWorkspace;

beforeAll(async () => {
  handle = await freshDatabase();
  ws = await seedWorkspace(handle.db, "Keys Co");
  other = await seedWorkspace(handle.db, "Keys Elsewhere");
});
afterAll(() => handle.close());

const as = (role: Role, workspace = ws) => callerFor(handle.db, workspace.members[role], workspace.id);
const storedRow = async (sourceId: string) =>
  (await handle.db.select().from(sources).where(eq(sources.id, sourceId)))[0];
const revealsOf = (sourceId: string) =>
  handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "source.reveal_key"), eq(auditLog.targetId, sourceId)));

describe("a new http source's write key", () => {
  it("is stored hashed and encrypted, never in clear", async () => {
    const { source, writeKey } = await as("admin").sources.create({ name: "Website", type: "http" });
    const row = await storedRow(source.id);
    expect(row.writeKeyHash).toBe(hashWriteKey(writeKey));
    expect(row.writeKeyEncrypted).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(row.writeKeyEncrypted).not.toContain(writeKey);
    expect(row.writeKeyEncrypted).not.toContain(writeKey.slice(3));
    // No column of the stored row carries the key.
    expect(JSON.stringify(row)).not.toContain(writeKey);
    expect(source.writeKeyRevealable).toBe(true);
  });

  it("is revealed to owners and admins, each reveal audited with the actor", async () => {
    const { source, writeKey } = await as("owner").sources.create({ name: "App", type: "http" });
    for (const role of ["owner", "admin"] as const) {
      expect(await as(role).sources.revealWriteKey({ sourceId: source.id })).toEqual({
        writeKey,
        writeKeyPrefix: writeKey.slice(0, 9),
      });
    }
    const audit = await revealsOf(source.id);
    expect(audit.map((r) => r.actorId).sort()).toEqual([ws.members.owner.id, ws.members.admin.id].sort());
    expect(audit[0]).toMatchObject({
      workspaceId: ws.id,
      targetType: "source",
      summary: { after: { writeKeyPrefix: writeKey.slice(0, 9) } },
    });
    expect(JSON.stringify(audit)).not.toContain(writeKey);
  });

  it.each(ROLES.filter((r) => !can(r, "sources:manage")))(
    "is refused to %s (FORBIDDEN), with no audit row, and never in what they can read",
    async (role) => {
      const { source, writeKey } = await as("owner").sources.create({ name: `Hidden from ${role}`, type: "http" });
      await expectTrpcError(as(role).sources.revealWriteKey({ sourceId: source.id }), "FORBIDDEN", /does not allow/);
      expect(await revealsOf(source.id)).toEqual([]);
      const seen = JSON.stringify([await as(role).sources.get({ sourceId: source.id }), await as(role).sources.list()]);
      expect(seen).not.toContain(writeKey);
      expect(seen).not.toContain((await storedRow(source.id)).writeKeyEncrypted);
    },
  );

  it("is not revealed across workspaces (NOT_FOUND)", async () => {
    const { source } = await as("owner").sources.create({ name: "Ours", type: "http" });
    await expectTrpcError(as("owner", other).sources.revealWriteKey({ sourceId: source.id }), "NOT_FOUND");
    expect(await revealsOf(source.id)).toEqual([]);
  });
});

describe("rotation", () => {
  it("keeps the new key encrypted: the reveal gives the new key, which works, and the old one does not", async () => {
    const { source, writeKey: oldKey } = await as("owner").sources.create({ name: "Rotated", type: "http" });
    const rotated = await as("admin").sources.rotateWriteKey({ sourceId: source.id });
    const revealed = await as("admin").sources.revealWriteKey({ sourceId: source.id });
    expect(revealed.writeKey).toBe(rotated.writeKey);
    expect(revealed.writeKey).not.toBe(oldKey);
    expect((await sourceByWriteKey(handle.db, rotated.writeKey))?.id).toBe(source.id);
    expect(await sourceByWriteKey(handle.db, oldKey)).toBeNull();
    expect((await storedRow(source.id)).writeKeyEncrypted).not.toContain(rotated.writeKey);
  });

  it("makes a key stored without an encrypted copy revealable; before that the reveal says to rotate", async () => {
    const { source } = await as("owner").sources.create({ name: "From before", type: "http" });
    await handle.db.update(sources).set({ writeKeyEncrypted: null }).where(eq(sources.id, source.id));
    expect((await as("viewer").sources.get({ sourceId: source.id })).writeKeyRevealable).toBe(false);
    await expectTrpcError(as("owner").sources.revealWriteKey({ sourceId: source.id }), "CONFLICT", /rotate it/);
    expect(await revealsOf(source.id)).toEqual([]);

    const { writeKey } = await as("owner").sources.rotateWriteKey({ sourceId: source.id });
    expect((await as("viewer").sources.get({ sourceId: source.id })).writeKeyRevealable).toBe(true);
    expect((await as("owner").sources.revealWriteKey({ sourceId: source.id })).writeKey).toBe(writeKey);
  });
});

describe("sources that take no write key", () => {
  it.each(["webhook", "file"] as const)(
    "a %s source keeps no encrypted key and refuses a reveal by naming its type",
    async (type) => {
      const { source } = await as("owner").sources.create({ name: `A ${type}`, type });
      expect((await storedRow(source.id)).writeKeyEncrypted).toBeNull();
      expect(source.writeKeyRevealable).toBe(false);
      await expectTrpcError(
        as("owner").sources.revealWriteKey({ sourceId: source.id }),
        "BAD_REQUEST",
        new RegExp(`${type} source takes no write key`),
      );
      await as("owner").sources.rotateWriteKey({ sourceId: source.id });
      expect((await storedRow(source.id)).writeKeyEncrypted).toBeNull();
    },
  );
});

describe("the demo source", () => {
  it("can reveal its working write key", async () => {
    const demo = await seedWorkspace(handle.db, "Key demo");
    const created = await ensureDemoSource(handle.db, demo.id);
    const revealed = await outcome(
      callerFor(handle.db, demo.members.owner, demo.id).sources.revealWriteKey({ sourceId: created.sourceId }),
    );
    expect(revealed).toEqual({
      ok: true,
      value: { writeKey: created.writeKey, writeKeyPrefix: created.writeKey!.slice(0, 9) },
    });
    expect((await sourceByWriteKey(handle.db, created.writeKey!))?.id).toBe(created.sourceId);
  });
});
