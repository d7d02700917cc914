import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { auditLog, memberships, workspaces } from "@/db/schema";
import { createUser } from "@/server/accounts/create-user";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, TEST_PASSWORD } from "../../helpers/fixtures";
import { expectTrpcError } from "../trpc-call";

/** Audit rows with known timestamps, written straight into the table (inserting is what append-only allows). */
const T0 = Date.parse("2024-03-01T00:00:00Z");
const hour = (i: number) => new Date(T0 + i * 3_600_000);
const ACTORS = ["alice@acme.test", "bob@acme.test", "carol@acme.test"];
const ACTIONS = ["member.add", "member.role_change", "workspace.rename", "member.remove"];
const A_ROWS = 12;

let handle: DatabaseHandle;
let caller: ReturnType<typeof callerFor>;
const A = uuidv7();
const B = uuidv7();

beforeAll(async () => {
  handle = await freshDatabase();
  const db = handle.db;
  await db.insert(workspaces).values([
    { id: A, name: "Acme" },
    { id: B, name: "Other" },
  ]);
  const owner = await createUser(db, { email: "owner@acme.test", password: TEST_PASSWORD });
  await db.insert(memberships).values({ workspaceId: A, userId: owner.id, role: "owner" });
  const row = (workspaceId: string, i: number, actorEmail: string, action: string) => ({
    id: uuidv7(T0 + i),
    workspaceId,
    actorEmail,
    action,
    targetId: `${workspaceId === A ? "a" : "b"}-${i}`,
    at: hour(i),
  });
  await db.insert(auditLog).values([
    ...Array.from({ length: A_ROWS }, (_, i) => row(A, i, ACTORS[i % 3], ACTIONS[i % 4])),
    row(A, A_ROWS, "50%_off@acme.test", "consent.update"),
    // Workspace B: same actors and actions, same hours; never listed in A.
    ...Array.from({ length: 6 }, (_, i) => row(B, i, ACTORS[i % 3], ACTIONS[i % 4])),
  ]);
  caller = callerFor(db, owner, A);
});
afterAll(() => handle.close());

const TOTAL_A = A_ROWS + 1;
const list = (query: Parameters<typeof caller.audit.list>[0]) => caller.audit.list(query);

describe("listing the audit log", () => {
  it("lists this workspace's rows only, newest first", async () => {
    const page = await list({});
    expect(page.total).toBe(TOTAL_A);
    expect(page.entries.every((e) => e.workspaceId === A)).toBe(true);
    const times = page.entries.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(page.entries[0].targetId).toBe(`a-${A_ROWS}`);
    expect(page.entries.at(-1)?.targetId).toBe("a-0");
  });

  it("filters by a case-insensitive substring of the actor's email", async () => {
    const page = await list({ actor: "ALIC" });
    expect(page.total).toBe(4);
    expect(page.entries.map((e) => e.targetId)).toEqual(["a-9", "a-6", "a-3", "a-0"]);
    expect((await list({ actor: "@acme.test" })).total).toBe(TOTAL_A);
    expect((await list({ actor: "nobody" })).total).toBe(0);
  });

  it("treats % and _ in the actor filter literally", async () => {
    const page = await list({ actor: "%" });
    expect(page.entries.map((e) => e.actorEmail)).toEqual(["50%_off@acme.test"]);
    expect((await list({ actor: "o_f" })).total).toBe(0);
  });

  it("filters by exact action, or by an action prefix", async () => {
    const renames = await list({ action: "workspace.rename" });
    expect(renames.entries.map((e) => e.targetId)).toEqual(["a-10", "a-6", "a-2"]);
    const members = await list({ action: "member." });
    expect(members.total).toBe(9);
    expect(members.entries.every((e) => e.action.startsWith("member."))).toBe(true);
  });

  it("combines the actor and action filters", async () => {
    // bob acted at hours 1, 4, 7, 10; hour 10 was a workspace.rename
    const page = await list({ actor: "bob", action: "member." });
    expect(page.entries.map((e) => e.targetId)).toEqual(["a-7", "a-4", "a-1"]);
    expect(page.total).toBe(3);
  });

  it("filters by a date range, both ends included", async () => {
    const page = await list({ from: hour(3), to: hour(6) });
    expect(page.entries.map((e) => e.targetId)).toEqual(["a-6", "a-5", "a-4", "a-3"]);
    expect((await list({ from: hour(10) })).entries.map((e) => e.targetId)).toEqual(["a-12", "a-11", "a-10"]);
    expect((await list({ to: hour(1) })).entries.map((e) => e.targetId)).toEqual(["a-1", "a-0"]);
  });

  it("accepts the range as ISO strings (as a URL would carry them)", async () => {
    const page = await list({
      from: hour(3).toISOString() as unknown as Date,
      to: hour(4).toISOString() as unknown as Date,
    });
    expect(page.total).toBe(2);
  });

  it("pages with page/pageSize and reports the total on every page", async () => {
    const pages = await Promise.all([1, 2, 3, 4].map((page) => list({ page, pageSize: 5 })));
    expect(pages.map((p) => p.entries.length)).toEqual([5, 5, 3, 0]);
    expect(pages.map((p) => p.total)).toEqual([TOTAL_A, TOTAL_A, TOTAL_A, TOTAL_A]);
    expect(pages.map((p) => [p.page, p.pageSize])).toEqual([
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
    ]);
    const all = await list({ pageSize: 200 });
    expect(pages.flatMap((p) => p.entries.map((e) => e.id))).toEqual(all.entries.map((e) => e.id));
  });

  it("refuses `from` after `to` with BAD_REQUEST", async () => {
    await expectTrpcError(list({ from: hour(6), to: hour(3) }), "BAD_REQUEST", /from/);
  });

  it("refuses a page size over 200 and a page below 1", async () => {
    await expectTrpcError(list({ pageSize: 201 }), "BAD_REQUEST");
    await expectTrpcError(list({ page: 0 }), "BAD_REQUEST");
  });
});

describe("reading the log as a person would", () => {
  it("names each target: the source's name, the member's email, the workspace's name — never only an id", async () => {
    const { db } = handle;
    const { seedWorkspace } = await import("../../helpers/fixtures");
    const { createSource } = await import("@/server/sources/create-source");
    const { deleteSource } = await import("@/server/sources/delete-source");
    const { changeMemberRole } = await import("@/server/team/change-member-role");
    const ws = await seedWorkspace(db, "Readable");
    const scope = {
      db,
      workspaceId: ws.id,
      role: "owner" as const,
      actor: { userId: ws.members.owner.id, email: ws.members.owner.email, ip: "10.0.0.1" },
    };
    const kept = (await createSource(scope, { name: "Storefront", type: "http" })).source;
    const gone = (await createSource(scope, { name: "Old webhook", type: "webhook" })).source;
    await deleteSource(scope, { sourceId: gone.id, confirmName: "Old webhook" });
    await changeMemberRole(scope, { userId: ws.members.viewer.id, role: "analyst" });
    const reader = callerFor(db, ws.members.owner, ws.id);

    const { entries } = await reader.audit.list({ pageSize: 200 });
    const named = (action: string, targetId: string) =>
      entries.find((e) => e.action === action && e.targetId === targetId);
    expect(named("source.create", kept.id)).toMatchObject({ targetName: "Storefront", actionLabel: "Source created" });
    expect(named("source.delete", gone.id), "a deleted source keeps the name its row remembers").toMatchObject({
      targetName: "Old webhook",
    });
    expect(named("member.role_change", ws.members.viewer.id)).toMatchObject({
      targetName: ws.members.viewer.email,
      actionLabel: "Member's role changed",
    });
    expect(entries.find((e) => e.targetType === "workspace")).toMatchObject({ targetName: "Readable" });
    for (const e of entries)
      if (e.targetType && e.targetId) expect(e.targetName, `${e.action} ${e.targetType}`).not.toBeNull();
    expect(entries[0]).not.toHaveProperty("hash");
  });

  it("does not name another workspace's source", async () => {
    const { createSource } = await import("@/server/sources/create-source");
    const { source } = await createSource(
      { db: handle.db, workspaceId: B, role: "owner", actor: { userId: null, email: "x@other.test", ip: null } },
      { name: "Secret of B", type: "http" },
    );
    await handle.db
      .insert(auditLog)
      .values({ id: uuidv7(), workspaceId: A, action: "source.update", targetType: "source", targetId: source.id });
    const row = (await list({ action: "source.update" })).entries.find((e) => e.targetId === source.id);
    expect(row?.targetName).toBeNull();
  });

  it("offers every known action in the picker, and the ones this workspace holds, with labels", async () => {
    const actions = await caller.audit.actions();
    const byAction = Object.fromEntries(actions.map((a) => [a.action, a.label]));
    expect(byAction).toMatchObject({
      "member.role_change": "Member's role changed",
      "source.create": "Source created",
      "user.password_change": "Password changed by its owner",
    });
    expect(byAction["consent.update"], "an action only present in the log is offered as itself").toBe("consent.update");
    expect(actions.map((a) => a.action)).toEqual([...actions.map((a) => a.action)].sort());
  });
});
