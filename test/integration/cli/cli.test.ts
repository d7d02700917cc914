import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, memberships, workspaces } from "@/db/schema";
import { verifyCredentials } from "@/server/accounts/verify-credentials";
import type { Command } from "@/server/cli/command";
import { runCli } from "@/server/cli/run-cli";
import { userCreate } from "@/server/cli/user-create";
import { userSetPassword } from "@/server/cli/user-set-password";
import { workspaceCreate } from "@/server/cli/workspace-create";
import { freshDatabase } from "../../helpers/test-db";

// server/cli.ts runs main() on import, so the command list is rebuilt here from the same modules.
const COMMANDS = [workspaceCreate, userCreate, userSetPassword] as Command[];

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await freshDatabase();
});
afterAll(() => handle.close());

const cli = (...argv: string[]) => runCli(argv, COMMANDS, async () => handle.db);
/** For usage errors: the database must not even be opened. */
const cliWithoutDb = (...argv: string[]) =>
  runCli(argv, COMMANDS, async () => {
    throw new Error("the database should not be opened");
  });

describe("workspace:create", () => {
  it("prints one JSON object with the id and name under --json, and audits as the CLI", async () => {
    const result = await cli("workspace:create", "--name", "Made by CLI", "--json");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const printed = JSON.parse(result.stdout) as { id: string; name: string };
    expect(printed).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: "Made by CLI" });
    const [row] = await handle.db.select().from(workspaces).where(eq(workspaces.id, printed.id));
    expect(row.name).toBe("Made by CLI");
    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, printed.id), eq(auditLog.action, "workspace.create")));
    expect(audit.actorEmail).toBe("cli");
  });

  it("prints a sentence without --json (and takes --name=value)", async () => {
    const result = await cli("workspace:create", "--name=Plain Text Co");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Created workspace "Plain Text Co" \([0-9a-f-]{36}\)$/);
  });
});

describe("user:create and user:set-password", () => {
  let workspaceId: string;
  beforeAll(async () => {
    workspaceId = (JSON.parse((await cli("workspace:create", "--name", "Users Co", "--json")).stdout) as { id: string })
      .id;
  });

  it("creates a user and adds them to the workspace (by name) with the role", async () => {
    const result = await cli(
      "user:create",
      "--email",
      "Ana@Users.test",
      "--password",
      "first password",
      "--role",
      "admin",
      "--workspace",
      "Users Co",
      "--json",
    );
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as { userId: string };
    expect(printed).toMatchObject({ email: "ana@users.test", role: "admin", workspaceId });
    const [member] = await handle.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, printed.userId)));
    expect(member.role).toBe("admin");
    expect(
      await verifyCredentials(handle.db, { email: "ana@users.test", password: "first password", ip: "cli-test" }),
    ).toMatchObject({ ok: true });
  });

  it("refuses an existing member, and grants the owner role elsewhere (workspace given by id)", async () => {
    const result = await cli(
      "user:create",
      "--email",
      "ana@users.test",
      "--password",
      "whatever pw",
      "--role",
      "owner",
      "--workspace",
      workspaceId,
    );
    // Ana is already a member: the CLI says so rather than changing her role.
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/already a member/);
    const other = JSON.parse((await cli("workspace:create", "--name", "Second Co", "--json")).stdout) as { id: string };
    const added = await cli(
      "user:create",
      "--email",
      "ana@users.test",
      "--password",
      "whatever pw",
      "--role",
      "owner",
      "--workspace",
      other.id,
    );
    expect(added).toMatchObject({ code: 0, stdout: `ana@users.test is now owner of "Second Co"` });
  });

  it("sets a password: the new one works, the old one no longer does, and it is audited", async () => {
    const result = await cli(
      "user:set-password",
      "--email",
      "ana@users.test",
      "--password",
      "second password",
      "--json",
    );
    expect(result.code, result.stderr).toBe(0);
    const { userId } = JSON.parse(result.stdout) as { userId: string };
    expect(
      await verifyCredentials(handle.db, { email: "ana@users.test", password: "second password", ip: "cli-test" }),
    ).toMatchObject({ ok: true });
    expect(
      await verifyCredentials(handle.db, { email: "ana@users.test", password: "first password", ip: "cli-test" }),
    ).toEqual({ ok: false, reason: "invalid" });
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.password_set"), eq(auditLog.targetId, userId)));
    expect(audit.length).toBe(2); // one per workspace Ana belongs to
    expect(audit.every((a) => a.actorEmail === "cli")).toBe(true);
    expect(JSON.stringify(audit)).not.toContain("second password");
  });

  it("says which user is unknown", async () => {
    const result = await cli("user:set-password", "--email", "ghost@users.test", "--password", "long enough");
    expect(result).toMatchObject({ code: 1, stdout: "" });
    expect(result.stderr).toMatch(/ghost@users\.test/);
  });
});

describe("bad command lines", () => {
  it("names a missing flag (exit 2)", async () => {
    const result = await cliWithoutDb("user:set-password", "--password", "long enough");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--email: is required/);
    expect(result.stderr).toMatch(/Usage: npm run cdp -- user:set-password/);
  });

  it("names a bad role and lists the valid ones", async () => {
    const result = await cliWithoutDb(
      "user:create",
      "--email",
      "a@b.test",
      "--password",
      "long enough",
      "--role",
      "king",
      "--workspace",
      "X",
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--role: must be one of owner, admin, marketer, analyst, viewer/);
  });

  it("names a too-short password", async () => {
    const result = await cliWithoutDb("user:set-password", "--email", "a@b.test", "--password", "short");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--password: must be at least 8 characters/);
  });

  it("refuses an unknown command", async () => {
    const result = await cliWithoutDb("workspace:delete", "--name", "X");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command "workspace:delete"/);
  });

  it("refuses a stray argument", async () => {
    const result = await cliWithoutDb("workspace:create", "--name", "X", "extra");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unexpected argument "extra"/);
  });

  it("names an unknown workspace (exit 1)", async () => {
    const result = await cli(
      "user:create",
      "--email",
      "a@b.test",
      "--password",
      "long enough",
      "--role",
      "viewer",
      "--workspace",
      "Nowhere Inc",
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--workspace: no workspace with id or name "Nowhere Inc"/);
  });

  it("prints errors as one JSON object under --json", async () => {
    const result = await cliWithoutDb("user:create", "--json", "--email", "not-an-email");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const printed = JSON.parse(result.stderr) as { error: string };
    expect(Object.keys(printed)).toEqual(["error"]);
    expect(printed.error).toMatch(/--email: must be an email address/);
  });
});

describe("help", () => {
  it("--help exits 0 and lists every command", async () => {
    const result = await cliWithoutDb("--help");
    expect(result.code).toBe(0);
    for (const c of COMMANDS) expect(result.stdout).toContain(c.name);
  });

  it("no command prints the help but exits non-zero", async () => {
    const result = await cliWithoutDb();
    expect(result.code).toBe(2);
    expect(result.stdout).toContain("workspace:create");
  });

  it("<command> --help shows that command's usage", async () => {
    const result = await cliWithoutDb("user:create", "--help");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(userCreate.usage);
  });
});

describe("npx tsx server/cli.ts (a real process on the embedded database)", () => {
  const run = async (dataDir: string, ...argv: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CDP_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    delete env.TEST_DATABASE_URL;
    try {
      const { stdout, stderr } = await promisify(execFile)("npx", ["tsx", ...argv], {
        env,
        cwd: process.cwd(),
        timeout: 60_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const folders: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cdp-cli-"));
    folders.push(dir);
    return dir;
  };
  afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("refuses an empty or missing data folder, naming it and how to create the database, and creates nothing", async () => {
    const empty = folder();
    const missing = path.join(folder(), "not-there");
    for (const dir of [empty, missing]) {
      const result = await run(dir, "server/cli.ts", "workspace:create", "--name", "Nowhere", "--json");
      expect(result.code).toBe(1);
      const { error } = JSON.parse(result.stderr.trim()) as { error: string };
      expect(error).toContain(`No database in ${dir} (the data folder, CDP_DATA_DIR)`);
      expect(error).toMatch(/start the server once \(npm start\) or run npm run db:migrate/);
    }
    expect(readdirSync(empty)).toEqual([]);
    expect(existsSync(missing)).toBe(false);
  }, 120_000);

  it("works on a folder that db:migrate created, and says to stop the server while the server holds it", async () => {
    const dir = folder();
    expect((await run(dir, "server/db-migrate.ts")).code).toBe(0);
    const created = await run(dir, "server/cli.ts", "workspace:create", "--name", "Spawned", "--json");
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout.trim())).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Spawned",
    });

    // A live process (this test runner) holds the folder, as a running server would.
    writeFileSync(path.join(dir, "cdp.lock"), String(process.pid));
    try {
      const refused = await run(dir, "server/cli.ts", "workspace:create", "--name", "Beside the server");
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `The embedded database in ${dir} is in use by another process (pid ${process.pid})`,
      );
      expect(refused.stderr).toMatch(
        /Stop the server and run the command again, or run the server and the CLI on PostgreSQL \(set DATABASE_URL for both\)/,
      );
    } finally {
      rmSync(path.join(dir, "cdp.lock"), { force: true });
    }
  }, 120_000);
});
