import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/root";
import { addMember } from "@/server/team/add-member";
import { SYSTEM_ACTOR } from "@/server/scope";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";

let handle: DatabaseHandle;
let first: SeededWorkspace;
let second: SeededWorkspace;
beforeAll(async () => {
  handle = await freshDatabase();
  first = await seedWorkspace(handle.db, "First");
  second = await seedWorkspace(handle.db, "Second");
  // The first workspace's analyst is also an admin of the second.
  await addMember(
    { db: handle.db, workspaceId: second.id, role: "owner", actor: SYSTEM_ACTOR },
    { email: first.members.analyst.email, role: "admin" },
  );
});
afterAll(() => handle.close());

describe("workspace switcher", () => {
  it("lists both workspaces with the user's role in each; the first is active by default", async () => {
    const mine = await callerFor(handle.db, first.members.analyst).workspaces.mine();
    expect(mine.all.map((w) => [w.name, w.role])).toEqual([
      ["First", "analyst"],
      ["Second", "admin"],
    ]);
    expect(mine.active.id).toBe(first.id);
  });

  it("switching sets the workspace cookie, and requests carrying it act in that workspace with its role", async () => {
    const resHeaders = new Headers();
    const caller = createCallerFactory(appRouter)({
      db: handle.db,
      user: first.members.analyst,
      requestedWorkspaceId: null,
      ip: "127.0.0.1",
      resHeaders,
    });
    await caller.workspaces.switch({ workspaceId: second.id });
    expect(resHeaders.get("set-cookie")).toMatch(new RegExp(`^cdp-workspace=${second.id};.*HttpOnly.*SameSite=Lax`));

    const inSecond = callerFor(handle.db, first.members.analyst, second.id);
    expect((await inSecond.workspaces.mine()).active).toMatchObject({ id: second.id, role: "admin" });
    const emails = (await inSecond.team.list()).map((m) => m.email);
    expect(emails).toContain(second.members.owner.email);
    expect(emails).not.toContain(first.members.owner.email);
    // As admin of the second workspace the audit log opens, though the analyst role in the first forbids it.
    await expect(inSecond.audit.list({})).resolves.toHaveProperty("entries");
  });
});
