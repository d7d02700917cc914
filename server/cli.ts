/** Admin commands: `npm run cdp -- <command> [flags] [--json]`. */
import { EnvError, env } from "./env";
import { runCli } from "./cli/run-cli";
import { workspaceCreate } from "./cli/workspace-create";
import { userCreate } from "./cli/user-create";
import { userSetPassword } from "./cli/user-set-password";
import { sourceCreate } from "./cli/source-create";
import { importFile } from "./cli/import-file";
import { auditVerify } from "./cli/audit-verify";
import { tokenCreate } from "./cli/token-create";
import { tokenRevoke } from "./cli/token-revoke";
import type { Command } from "./cli/command";
import { openCliDatabase } from "./cli/open-cli-database";

export const COMMANDS = [
  workspaceCreate,
  userCreate,
  userSetPassword,
  sourceCreate,
  importFile,
  auditVerify,
  tokenCreate,
  tokenRevoke,
] as Command[];

async function main() {
  try {
    env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let opened: Awaited<ReturnType<typeof openCliDatabase>> | undefined;
  const result = await runCli(process.argv.slice(2), COMMANDS, async () => {
    opened = await openCliDatabase();
    return opened.db;
  });
  if (result.stdout) console.log(result.stdout);
  if (result.stderr) console.error(result.stderr);
  await opened?.close();
  process.exit(result.code);
}

void main();
