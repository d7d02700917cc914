import { RE2JS } from "re2js";
import { DEFAULT_BLOCKED } from "./identity-rules";
import { blockList } from "./normalize-identifier";

/**
 * One block-list entry at a time, compiled exactly as the pipeline compiles the list (normalize-identifier's
 * blockList), so what the console says about an entry is what resolution does with it.
 */

/** Why an entry cannot be used (a /regex/ RE2 does not accept), or null when it can. */
export function blockedEntryProblem(entry: string): string | null {
  try {
    blockList([entry]);
    return null;
  } catch (error) {
    const detail = (error as { error?: unknown }).error;
    const why = typeof detail === "string" ? detail : (error as Error).message;
    return `${entry} is not a regular expression RE2 accepts (${why}); write /…/ around a pattern, or a plain value to block exactly`;
  }
}

export interface BlockingEntry {
  entry: string;
  kind: "exact" | "pattern";
  builtIn: boolean;
}

/** The first entry (built-in ones first) that blocks `value`, or null; entries that do not compile are passed over. */
export function blockingEntry(value: string, workspaceEntries: string[]): BlockingEntry | null {
  const candidates = [
    ...DEFAULT_BLOCKED.map((entry) => ({ entry, builtIn: true })),
    ...workspaceEntries.map((entry) => ({ entry, builtIn: false })),
  ];
  for (const { entry, builtIn } of candidates) {
    if (blockedEntryProblem(entry) !== null) continue;
    if (blockList([entry])(value)) return { entry, builtIn, kind: /^\/.+\/$/.test(entry) ? "pattern" : "exact" };
  }
  return null;
}

/**
 * A workspace pattern that matches only part of `value` (the block list needs the whole value to match), or
 * null: "/^guest-/" does not block "guest-7", "/guest-.+/" does. The console says so next to the verdict.
 */
export function partlyMatchingEntry(value: string, workspaceEntries: string[]): string | null {
  for (const entry of workspaceEntries) {
    const body = /^\/(.+)\/$/.exec(entry)?.[1];
    if (!body || blockedEntryProblem(entry) !== null) continue;
    if (RE2JS.compile(body, RE2JS.CASE_INSENSITIVE).matcher(value).find()) return entry;
  }
  return null;
}
