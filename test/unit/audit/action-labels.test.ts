import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTION_LABELS } from "@/server/audit/actions";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("audit action labels", () => {
  it("names every action the server records, so the audit log never shows a raw action id", () => {
    const recorded = new Set<string>();
    for (const file of sourceFiles("server"))
      for (const line of readFileSync(file, "utf8").split("\n"))
        if (/\baction: /.test(line)) for (const match of line.matchAll(/"([a-z_]+\.[a-z_]+)"/g)) recorded.add(match[1]); // also `a ? "x.y" : "x.z"`
    expect(recorded.size).toBeGreaterThan(10);
    expect([...recorded].filter((action) => !AUDIT_ACTION_LABELS[action])).toEqual([]);
  });
});
