import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One door into the event log: appendEvents (server/ingestion/append-events.ts). Outside server/ingestion no
 * product code writes `events` — no INSERT or COPY into it, no drizzle insert, no import of the storage
 * internals (storeEvents, the group-commit writer's writeEvents). Side effects of storage (the event catalog …) are
 * pipeline consumers, not code beside the insert.
 */
const ROOT = process.cwd();
const PRODUCT = ["app", "components", "db", "server"];
const ALLOWED = [path.join("server", "ingestion") + path.sep, path.join("db", "migrations") + path.sep];

const WRITES = [
  { what: "an INSERT INTO events", pattern: /\bINSERT\s+INTO\s+"?events"?[\s(]/i },
  { what: "a COPY into events", pattern: /\bCOPY\s+"?events"?[\s(]/i },
  { what: "a drizzle insert into events", pattern: /\.insert\(\s*events\s*\)/ },
  { what: "an import of storeEvents", pattern: /import\s*(type\s*)?\{[^}]*\bstoreEvents\b[^}]*\}\s*from/ },
  // Draining the writer at shutdown is fine; handing it rows is appendEvents' job.
  {
    what: "an import of the group-commit writer",
    pattern: /import\s*\{[^}]*\b(writeEvents|EventWriter)\b[^}]*\}\s*from/,
  },
];

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(relative);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name)) yield relative;
  }
}

/** Every place outside the ingestion core that writes events: "file: what". */
export function writersOfEvents(files: Iterable<[string, string]>): string[] {
  const found: string[] = [];
  for (const [file, text] of files) {
    if (ALLOWED.some((allowed) => file.startsWith(allowed))) continue;
    for (const { what, pattern } of WRITES) if (pattern.test(text)) found.push(`${file}: ${what}`);
  }
  return found;
}

describe("one door into the event log", () => {
  it("no product code outside server/ingestion writes events or imports the storage internals", () => {
    const files = PRODUCT.flatMap((dir) => [...sourceFiles(dir)]).map(
      (file) => [file, readFileSync(path.join(ROOT, file), "utf8")] as [string, string],
    );
    expect(files.length).toBeGreaterThan(100);
    expect(writersOfEvents(files)).toEqual([]);
  });

  it("finds each way of writing events (the check is not vacuous)", () => {
    const offenders: [string, string][] = [
      ["server/a.ts", "await db.execute(sql`INSERT INTO events (id) VALUES (1)`)"],
      ["server/b.ts", 'copyRows(db, `COPY "events" (id) FROM STDIN`, text)'],
      ["server/c.ts", "await tx.insert(events).values(rows)"],
      ["server/d.ts", 'import { storeEvents } from "../ingestion/store-events";'],
      ["app/e.ts", 'import { writeEvents } from "@/server/ingestion/event-writer";'],
      ["server/ingestion/append-events.ts", 'import { storeEvents } from "./store-events";'],
      ["server/f.ts", "SELECT * FROM events; INSERT INTO event_catalog (x) VALUES (1)"],
    ];
    expect(writersOfEvents(offenders)).toEqual([
      "server/a.ts: an INSERT INTO events",
      "server/b.ts: a COPY into events",
      "server/c.ts: a drizzle insert into events",
      "server/d.ts: an import of storeEvents",
      "app/e.ts: an import of the group-commit writer",
    ]);
  });
});
