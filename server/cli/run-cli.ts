import type { Db } from "@/db/client";
import { AppError } from "../errors";
import type { Command } from "./command";
import { unknownFlagsProblem } from "./unknown-flags";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class UsageError extends Error {}

/** `--key value` and `--flag` pairs; anything else is a usage error naming the stray argument. */
export function parseFlags(args: string[]): Record<string, string | true> {
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) throw new UsageError(`unexpected argument "${arg}" (flags look like --name value)`);
    const [key, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) flags[key] = inline;
    else if (args[i + 1] !== undefined && !args[i + 1].startsWith("--")) flags[key] = args[++i];
    else flags[key] = true;
  }
  return flags;
}

export function helpText(commands: Command[]): string {
  const lines = ["Usage: npm run cdp -- <command> [flags] [--json]", "", "Commands:"];
  for (const c of commands) lines.push(`  ${c.name.padEnd(20)} ${c.summary}`, `  ${"".padEnd(20)} ${c.usage}`);
  lines.push(
    "",
    '  --json               print one JSON object (the result, or {"error": …})',
    "  --help               this text",
  );
  return lines.join("\n");
}

/** Runs one command line against an open database and says what to print; never throws. */
export async function runCli(argv: string[], commands: Command[], openDb: () => Promise<Db>): Promise<CliResult> {
  const json = argv.includes("--json");
  const fail = (message: string, code = 1): CliResult =>
    json
      ? { code, stdout: "", stderr: JSON.stringify({ error: message }) }
      : { code, stdout: "", stderr: `Error: ${message}` };
  const [name, ...rest] = argv.filter((a) => a !== "--json");
  if (!name || name === "--help" || name === "help")
    return { code: name ? 0 : 2, stdout: helpText(commands), stderr: "" };
  const command = commands.find((c) => c.name === name);
  if (!command) return fail(`unknown command "${name}"; run with --help to list the commands`, 2);
  try {
    const raw = parseFlags(rest);
    if (raw.help)
      return { code: 0, stdout: `npm run cdp -- ${command.name} ${command.usage}\n${command.summary}`, stderr: "" };
    const unknown = unknownFlagsProblem(Object.keys(raw), command);
    if (unknown) return fail(`${unknown}\nUsage: npm run cdp -- ${command.name} ${command.usage}`, 2);
    const parsed = command.flags.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (i) =>
          `--${i.path.join(".")}: ${i.code === "invalid_type" && i.input === undefined ? "is required" : i.message}`,
      );
      return fail(`${issues.join("; ")}\nUsage: npm run cdp -- ${command.name} ${command.usage}`, 2);
    }
    const result = await command.run(await openDb(), parsed.data);
    return { code: 0, stdout: json ? JSON.stringify(result.json) : result.text, stderr: "" };
  } catch (error) {
    if (error instanceof UsageError || error instanceof AppError)
      return fail(error.message, error instanceof UsageError ? 2 : 1);
    return fail(error instanceof Error ? error.message : String(error));
  }
}
