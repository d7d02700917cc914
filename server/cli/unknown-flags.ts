import { z } from "zod";
import type { Command } from "./command";

/** Edit distance between two short flag names (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** The flags a command takes: the keys of its zod object (plus --help); null when its schema is not an object. */
export function knownFlags(command: Command): string[] | null {
  return command.flags instanceof z.ZodObject ? [...Object.keys(command.flags.shape), "help"] : null;
}

/**
 * Why the given flags are not all the command's: each unknown one named, with the closest known flag as a
 * hint when it is a likely typo (a few letters off, or the start of it). Null when every flag is known.
 */
export function unknownFlagsProblem(given: string[], command: Command): string | null {
  const known = knownFlags(command);
  if (!known) return null;
  const problems = given
    .filter((flag) => !known.includes(flag))
    .map((flag) => {
      const [best] = known
        .filter((k) => k !== "help")
        // A few letters off, or an abbreviation (--work for --workspace).
        .map((k) => ({ k, d: Math.min(distance(flag, k), flag.length >= 3 && k.startsWith(flag) ? 2 : Infinity) }))
        .sort((x, y) => x.d - y.d);
      const hint = best && best.d <= Math.max(2, Math.floor(flag.length / 4)) ? ` (did you mean --${best.k}?)` : "";
      return `unknown flag --${flag}${hint}`;
    });
  return problems.length > 0
    ? `${problems.join("; ")}; the flags of ${command.name}: ${known
        .filter((k) => k !== "help")
        .map((k) => `--${k}`)
        .join(", ")}`
    : null;
}
