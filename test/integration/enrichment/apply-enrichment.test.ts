import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows, type DatabaseHandle } from "@/db/client";
import { identitySettings } from "@/db/schema";
import { applyEnrichment } from "@/server/enrichment/apply-enrichment";
import { listEnrichmentSources } from "@/server/enrichment/list-enrichment-sources";
import { CHUNK_ROWS } from "@/server/enrichment/run-enrichment";
import { DEFAULT_RULES } from "@/server/identity/identity-rules";
import { freshDatabase } from "../../helpers/test-db";
import { seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { profileIdOf, seedPeople, storeEvents, traitsOf } from "./helpers";

/** applyEnrichment (the demo's door): chunks, survivorship against event values, duplicates within a file. */
let handle: DatabaseHandle;
let ws: SeededWorkspace;
let website: string;
const PEOPLE = 50;

beforeAll(async () => {
  handle = await freshDatabase();
  ws = await seedWorkspace(handle.db, "Apply Co");
  website = await seedPeople(
    handle.db,
    ws.id,
    Array.from({ length: PEOPLE }, (_, i) => ({
      type: "identify",
      userId: `u${i}`,
      traits: { phone: `+1 415 555 ${String(1000 + i)}` },
      timestamp: "2025-06-01T00:00:00Z",
    })),
  );
});
afterAll(() => handle.close());

describe("applyEnrichment", () => {
  it("applies a file larger than one chunk, a row at a time judged, in short transactions", async () => {
    const total = CHUNK_ROWS * 2 + 500;
    const fileRows = Array.from({ length: total }, (_, i) => ({
      phone:
        i === 7 ? "not a phone" : i < PEOPLE ? `(415) 555-${1000 + i}` : `+44 20 7946 ${String(i).padStart(4, "0")}`,
      score: i,
      segment: i % 2 === 0 ? "even" : "odd",
    }));
    const summary = await applyEnrichment(handle.db, ws.id, { name: "vendor.csv", keyType: "phone", rows: fileRows });
    expect(summary).toMatchObject({
      status: "completed",
      rowsTotal: total,
      rowsMatched: PEOPLE - 1,
      rowsUnmatched: total - PEOPLE,
      rowsInvalid: 1,
      traitsWritten: (PEOPLE - 1) * 2,
    });
    const u3 = (await profileIdOf(handle.db, ws.id, "user_id", "u3"))!;
    expect(await traitsOf(handle.db, ws.id, u3)).toMatchObject({
      score: { value: 3, source: summary.fileId },
      segment: { value: "odd", source: summary.fileId },
    });
    const [{ n }] = await rows<{ n: number }>(
      handle.db,
      sql`SELECT count(*)::int AS n FROM enrichment_file_rows WHERE workspace_id = ${ws.id} AND file_id = ${summary.fileId} AND kind = 'unmatched'`,
    );
    expect(n).toBe(total - PEOPLE);
  });

  it("an enrichment file ranked first in sourcePriority beats later event values; other traits stay latest", async () => {
    const summary = await applyEnrichment(handle.db, ws.id, {
      name: "crm.csv",
      keyType: "user_id",
      keyColumn: "id",
      rows: [{ id: "u10", plan: "enterprise", city: "Oslo" }],
    });
    await handle.db.insert(identitySettings).values({
      workspaceId: ws.id,
      rules: {
        ...DEFAULT_RULES,
        survivorship: { default: "latest", traits: { plan: "source_priority" }, sourcePriority: [summary.fileId] },
      },
    });
    // Later than the file's as-of time: the event's plan loses to the file, its city wins (latest).
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await storeEvents(handle.db, ws.id, website, [
      { type: "identify", userId: "u10", traits: { plan: "free", city: "Rome" }, timestamp: later },
    ]);
    const u10 = (await profileIdOf(handle.db, ws.id, "user_id", "u10"))!;
    expect(await traitsOf(handle.db, ws.id, u10)).toMatchObject({
      plan: { value: "enterprise", source: summary.fileId },
      city: { value: "Rome", source: website },
    });
  });

  it("a key seen twice in one file: the later row wins (same as-of time)", async () => {
    const summary = await applyEnrichment(handle.db, ws.id, {
      name: "dupes.csv",
      keyType: "user_id",
      keyColumn: "id",
      rows: [
        { id: "u20", tier: "bronze" },
        { id: "u20", tier: "gold" },
      ],
    });
    expect(summary.rowsMatched).toBe(2);
    const u20 = (await profileIdOf(handle.db, ws.id, "user_id", "u20"))!;
    expect((await traitsOf(handle.db, ws.id, u20)).tier.value).toBe("gold");
  });

  it("creates one profile per new key, even when a file names it twice", async () => {
    const summary = await applyEnrichment(handle.db, ws.id, {
      name: "leads.csv",
      keyType: "email",
      createProfiles: true,
      rows: [
        { email: "lead@example.com", source: "fair" },
        { email: "LEAD@example.com", source: "webinar" },
      ],
    });
    expect(summary).toMatchObject({ rowsCreated: 1, rowsMatched: 1, rowsUnmatched: 0 });
    const lead = (await profileIdOf(handle.db, ws.id, "email", "lead@example.com"))!;
    expect((await traitsOf(handle.db, ws.id, lead)).source.value).toBe("webinar");
    // The new profile joins the pipeline's graph: a later event with that email lands on it.
    await storeEvents(handle.db, ws.id, website, [
      { type: "identify", userId: "lead-user", traits: { email: "lead@example.com" } },
    ]);
    expect(await profileIdOf(handle.db, ws.id, "user_id", "lead-user")).toBe(lead);
  });

  it("lists the workspace's files as sources a survivorship order can rank", async () => {
    const files = await listEnrichmentSources(handle.db, ws.id);
    expect(files.map((f) => [f.name, f.type])).toEqual([
      ["crm.csv", "enrichment"],
      ["dupes.csv", "enrichment"],
      ["leads.csv", "enrichment"],
      ["vendor.csv", "enrichment"],
    ]);
  });
});
