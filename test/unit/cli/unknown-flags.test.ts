import { describe, expect, it } from "vitest";
import type { Command } from "@/server/cli/command";
import { importFile } from "@/server/cli/import-file";
import { runCli } from "@/server/cli/run-cli";
import { sourceCreate } from "@/server/cli/source-create";
import { userCreate } from "@/server/cli/user-create";
import { userSetPassword } from "@/server/cli/user-set-password";
import { workspaceCreate } from "@/server/cli/workspace-create";

const COMMANDS = [workspaceCreate, userCreate, userSetPassword, sourceCreate, importFile] as Command[];
const cli = (...argv: string[]) =>
  runCli(argv, COMMANDS, async () => {
    throw new Error("the database should not be opened");
  });

describe("unknown flags", () => {
  it("names a mistyped flag of import and suggests the right one, before opening the database", async () => {
    const result = await cli(
      "import",
      "--source",
      "s",
      "--file",
      "f.csv",
      "--format",
      "csv",
      "--mode",
      "track",
      "--event-colum",
      "event",
      "--user-id-column",
      "id",
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Error: unknown flag --event-colum \(did you mean --event-column\?\)/);
    expect(result.stderr).toContain("Usage: npm run cdp -- import");
  });

  it("names an unknown flag for every command, with a hint only when one is close", async () => {
    const valid: Record<string, string[]> = {
      "workspace:create": ["--name", "Acme"],
      "user:create": ["--email", "a@b.test", "--password", "long enough", "--role", "viewer", "--workspace", "Acme"],
      "user:set-password": ["--email", "a@b.test", "--password", "long enough"],
      "source:create": ["--workspace", "Acme", "--type", "http", "--name", "Web"],
      import: ["--source", "s", "--file", "f.csv", "--format", "csv", "--mode", "identify", "--user-id-column", "id"],
    };
    for (const command of COMMANDS) {
      const far = await cli(command.name, ...valid[command.name], "--frobnicate", "1");
      expect(far.code, command.name).toBe(2);
      expect(far.stderr, command.name).toMatch(/unknown flag --frobnicate; the flags of /);
      expect(far.stderr).not.toContain("did you mean");
    }
    expect((await cli("workspace:create", "--nmae", "Acme")).stderr).toMatch(
      /unknown flag --nmae \(did you mean --name\?\)/,
    );
    expect((await cli("user:create", ...valid["user:create"], "--work", "X")).stderr).toMatch(
      /unknown flag --work \(did you mean --workspace\?\)/,
    );
  });

  it("names every unknown flag at once, and under --json too", async () => {
    const result = await cli(
      "source:create",
      "--json",
      "--workspace",
      "Acme",
      "--type",
      "http",
      "--name",
      "Web",
      "--tpye",
      "x",
      "--colour",
      "red",
    );
    const printed = JSON.parse(result.stderr) as { error: string };
    expect(printed.error).toMatch(/unknown flag --tpye \(did you mean --type\?\); unknown flag --colour/);
  });
});
