import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Command } from "@/server/cli/command";
import { runCli } from "@/server/cli/run-cli";
import { tokenCreate } from "@/server/cli/token-create";
import { tokenRevoke } from "@/server/cli/token-revoke";
import { workspaceCreate } from "@/server/cli/workspace-create";
import { freshDatabase } from "../../helpers/test-db";
import { startTrackingServer, stopTrackingServer, type TrackingServer } from "../ingestion/tracking-server";
import { basic, get } from "../profile-api/helpers";

// server/cli.ts runs main() on import, so the command list is rebuilt here from the same modules.
const COMMANDS = [workspaceCreate, tokenCreate, tokenRevoke] as Command[];

let handle: DatabaseHandle;
let server: TrackingServer;
let workspaceId: string;
beforeAll(async () => {
  handle = await freshDatabase();
  server = await startTrackingServer(handle);
  workspaceId = (JSON.parse((await cli("workspace:create", "--name", "Cli Tokens", "--json")).stdout) as { id: string })
    .id;
});
afterAll(() => stopTrackingServer(server, handle));

function cli(...argv: string[]) {
  return runCli(argv, COMMANDS, async () => handle.db);
}
const probe = (token: string) => get(`${server.url}/v1/profiles/user_id:nobody/traits`, basic(token));

describe("token:create and token:revoke", () => {
  it("prints the token once as JSON; it authenticates on the Profile API until revoked", async () => {
    const made = await cli(
      "token:create",
      "--workspace",
      "Cli Tokens",
      "--name",
      "Recommendations",
      "--scope",
      "profiles:read",
      "--json",
    );
    expect(made).toMatchObject({ code: 0, stderr: "" });
    const printed = JSON.parse(made.stdout) as Record<string, unknown>;
    expect(printed).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      token: expect.stringMatching(/^pat_/),
      scopes: ["profiles:read"],
      workspace: workspaceId,
    });
    const token = printed.token as string;
    expect((await probe(token)).status).toBe(404); // authenticated; there is just no such profile

    const revoked = await cli("token:revoke", "--workspace", workspaceId, "--id", printed.id as string);
    expect(revoked).toMatchObject({ code: 0, stdout: `Revoked access token "Recommendations" (${printed.id})` });
    expect((await probe(token)).status).toBe(401);
    const again = await cli("token:revoke", "--workspace", workspaceId, "--id", printed.id as string);
    expect(again).toMatchObject({ code: 1, stderr: 'Error: The token "Recommendations" is already revoked' });
  });

  it("prints a sentence with the token without --json", async () => {
    const made = await cli("token:create", "--workspace", workspaceId, "--name", "Plain", "--scope", "profiles:read");
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^Created access token "Plain" \([0-9a-f-]{36}\) in workspace "Cli Tokens"/);
    expect(made.stdout).toMatch(/Token: pat_\S{43}\nIt is shown only this once/);
  });

  it("names an unknown scope and an unknown workspace", async () => {
    const scope = await cli("token:create", "--workspace", workspaceId, "--name", "x", "--scope", "profiles:write");
    expect(scope.code).toBe(2);
    expect(scope.stderr).toContain('--scope: unknown scope "profiles:write"; the scopes are profiles:read');
    const workspace = await cli("token:create", "--workspace", "Nowhere", "--name", "x", "--scope", "profiles:read");
    expect(workspace).toMatchObject({ code: 1, stderr: 'Error: --workspace: no workspace with id or name "Nowhere"' });
    const missing = await cli("token:create", "--workspace", workspaceId, "--name", "x", "--json");
    expect(JSON.parse(missing.stderr).error).toMatch(/--scope: is required/);
    const id = await cli("token:revoke", "--workspace", workspaceId, "--id", "nope");
    expect(id.stderr).toMatch(/--id: must be an access token id/);
  });
});
