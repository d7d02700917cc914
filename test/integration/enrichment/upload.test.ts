import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, like } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { auditLog } from "@/db/schema";
import { useDatabase } from "@/server/database";
import { handleRowsDownload } from "@/server/enrichment/handle-rows-download";
import { getProfile } from "@/server/profiles/get-profile";
import { traitHistory } from "@/server/profiles/trait-history";
import { SYSTEM_ACTOR } from "@/server/scope";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { expectTrpcError } from "../trpc-call";
import { downloadRequest, fixture, profileIdOf, seedPeople, traitsOf, uploadRequest } from "./helpers";

/** Uploading an enrichment file through POST /api/enrichment, its report and downloads, and who may do it. */
let handle: DatabaseHandle;
let ws: SeededWorkspace;
const crm = fixture("crm-export.csv");
const options = { fileName: "crm-export.csv", mapping: { keyType: "email", keyColumn: "Email" } };

interface Summary {
  fileId: string;
  status: string;
  error: string | null;
  rowsTotal: number;
  rowsMatched: number;
  rowsCreated: number;
  rowsUnmatched: number;
  rowsInvalid: number;
  traitsWritten: number;
}

beforeAll(async () => {
  handle = await freshDatabase();
  useDatabase(handle);
  ws = await seedWorkspace(handle.db, "Enrich Co");
  await seedPeople(handle.db, ws.id, [
    {
      type: "identify",
      userId: "ana",
      traits: { email: "ana@example.com", Company: "Old Co" },
      timestamp: "2025-01-01T00:00:00Z",
    },
    { type: "identify", userId: "bob", traits: { email: "bob@example.com" }, timestamp: "2025-01-01T00:00:00Z" },
  ]);
});
afterAll(() => handle.close());

const upload = async (body: Buffer | null, opts: unknown = options, user = ws.members.admin) => {
  const response = await uploadRequest(ws.id, user, body, opts);
  return { status: response.status, body: (await response.json()) as { file?: Summary; error?: { message: string } } };
};

describe("POST /api/enrichment", () => {
  let fileId: string;

  it("applies matching rows, reports the rest, and never lets a bad row fail the good ones", async () => {
    const { status, body } = await upload(crm);
    expect(status).toBe(200);
    expect(body.file).toMatchObject({
      status: "completed",
      rowsTotal: 7,
      rowsMatched: 2, // ana, and BOB@EXAMPLE.COM normalised like the pipeline does
      rowsCreated: 0,
      rowsUnmatched: 2, // carol, dave
      rowsInvalid: 3, // not an email, no key, too many cells
    });
    fileId = body.file!.fileId;
    const ana = (await profileIdOf(handle.db, ws.id, "email", "ana@example.com"))!;
    const traits = await traitsOf(handle.db, ws.id, ana);
    // Typed values; the empty Notes cell gave nothing; the file's values are as of the upload (later than the event).
    expect(traits.Company).toEqual({ value: "Acme", source: fileId });
    expect(traits["Lifetime Value"].value).toBe(1200.5);
    expect(traits.VIP.value).toBe(true);
    expect(traits.Updated.value).toBe("2026-01-05");
    expect(traits.Notes).toBeUndefined();
    const bob = (await profileIdOf(handle.db, ws.id, "email", "bob@example.com"))!;
    expect((await traitsOf(handle.db, ws.id, bob)).Notes.value).toBe("likes phone calls");
  });

  it("shows the file's invalid rows with their reasons, and lists the file", async () => {
    const caller = callerFor(handle.db, ws.members.viewer, ws.id);
    const file = await caller.enrichment.get({ fileId });
    expect(file.invalid).toEqual([
      { rowNumber: 5, reason: "email is not an email address" },
      { rowNumber: 6, reason: 'the key column "Email" is empty' },
      { rowNumber: 9, reason: "expected 6 columns, found 7" },
    ]);
    const list = await caller.enrichment.list({});
    expect(list.files.map((f) => [f.name, f.status, f.uploadedBy])).toContainEqual([
      "crm-export.csv",
      "completed",
      ws.members.admin.email,
    ]);
  });

  it("downloads the unmatched rows as CSV with the file's columns, masked for a role without pii:read", async () => {
    const response = await handleRowsDownload(downloadRequest(ws.id, fileId), fileId, ws.members.admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="crm-export-unmatched.csv"');
    expect(await response.text()).toBe(
      "Email,Company,Lifetime Value,VIP,Notes,Updated\r\n" +
        "carol@example.com,Initech,42,no,,2026-01-07\r\n" +
        'dave@example.com,"Hooli, Inc.",99,TRUE,"two\r\nlines",2026-01-10\r\n',
    );
    const masked = await (await handleRowsDownload(downloadRequest(ws.id, fileId), fileId, ws.members.viewer)).text();
    expect(masked).not.toContain("carol@example.com");
    const invalid = await (
      await handleRowsDownload(downloadRequest(ws.id, fileId, "invalid"), fileId, ws.members.admin)
    ).text();
    expect(invalid.split("\r\n")[0]).toBe("line,reason,Email,Company,Lifetime Value,VIP,Notes,Updated");
    // A row that could not be read into cells is given whole.
    expect(invalid).toContain(
      '9,"expected 6 columns, found 7","erin@example.com,Too,many,cells,here,2026-01-11,extra"',
    );
  });

  it("shows the file's name as the trait's source on the profile page and in the history", async () => {
    const ana = (await profileIdOf(handle.db, ws.id, "email", "ana@example.com"))!;
    const scope = { db: handle.db, workspaceId: ws.id, role: "admin" as const, actor: SYSTEM_ACTOR };
    const profile = await getProfile(scope, ana);
    expect(profile.traits.find((t) => t.name === "Company")).toMatchObject({ value: "Acme", source: "crm-export.csv" });
    const history = await traitHistory(scope, ana, "Company");
    expect(history.map((h) => [h.value, h.source])).toEqual([
      ["Acme", "crm-export.csv"],
      ["Old Co", "Website"],
    ]);
  });

  it("creates profiles for unmatched rows when asked, with the key as their identifier", async () => {
    const { body } = await upload(crm, {
      fileName: "crm-again.csv",
      mapping: {
        keyType: "email",
        keyColumn: "Email",
        createProfiles: true,
        traits: [{ column: "Company", name: "company" }],
      },
    });
    expect(body.file).toMatchObject({ rowsMatched: 2, rowsCreated: 2, rowsUnmatched: 0, rowsInvalid: 3 });
    const carol = (await profileIdOf(handle.db, ws.id, "email", "carol@example.com"))!;
    expect(await traitsOf(handle.db, ws.id, carol)).toEqual({
      company: { value: "Initech", source: body.file!.fileId },
    });
    const scope = { db: handle.db, workspaceId: ws.id, role: "admin" as const, actor: SYSTEM_ACTOR };
    expect((await getProfile(scope, carol)).identities).toMatchObject([
      { type: "email", value: "carol@example.com", source: "crm-again.csv" },
    ]);
  });

  it("takes each row's date from a chosen column as its as-of time", async () => {
    const csv = Buffer.from("email,tier,seen\nana@example.com,gold,2024-06-01\nbob@example.com,silver,yesterday\n");
    const { body } = await upload(csv, {
      fileName: "tiers.csv",
      mapping: { keyType: "email", keyColumn: "email", asOfColumn: "seen" },
    });
    expect(body.file).toMatchObject({ rowsMatched: 1, rowsInvalid: 1 });
    const ana = (await profileIdOf(handle.db, ws.id, "email", "ana@example.com"))!;
    const scope = { db: handle.db, workspaceId: ws.id, role: "admin" as const, actor: SYSTEM_ACTOR };
    expect((await traitHistory(scope, ana, "tier"))[0].at.toISOString()).toBe("2024-06-01T00:00:00.000Z");
    expect(
      (await callerFor(handle.db, ws.members.admin, ws.id).enrichment.get({ fileId: body.file!.fileId })).invalid,
    ).toEqual([{ rowNumber: 3, reason: '"yesterday" in "seen" is not a date (use ISO 8601)' }]);
  });

  it("writes audit rows for the upload and its result", async () => {
    const rows = await handle.db
      .select({
        action: auditLog.action,
        targetId: auditLog.targetId,
        actor: auditLog.actorEmail,
        summary: auditLog.summary,
      })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ws.id), like(auditLog.action, "enrichment.%"), eq(auditLog.targetId, fileId)))
      .orderBy(asc(auditLog.chainSeq));
    expect(rows.map((r) => [r.action, r.actor])).toEqual([
      ["enrichment.upload", ws.members.admin.email],
      ["enrichment.apply", ws.members.admin.email],
    ]);
    expect(rows[1].summary).toMatchObject({ after: { rowsMatched: 2, rowsUnmatched: 2, rowsInvalid: 3 } });
  });

  it("refuses a viewer (403) and writes nothing", async () => {
    const before = (await callerFor(handle.db, ws.members.admin, ws.id).enrichment.list({})).total;
    const { status, body } = await upload(crm, options, ws.members.viewer);
    expect(status).toBe(403);
    expect(body.error?.message).toMatch(/profiles:enrich/);
    await expectTrpcError(
      callerFor(handle.db, ws.members.viewer, ws.id).enrichment.preview({
        columns: ["Email", "Company"],
        rows: [["ana@example.com", "Acme"]],
        mapping: { keyType: "email", keyColumn: "Email" },
      }),
      "FORBIDDEN",
    );
    expect((await callerFor(handle.db, ws.members.admin, ws.id).enrichment.list({})).total).toBe(before);
  });

  it("names what does not fit: an unknown key type or column, bad options, a binary file", async () => {
    const unknownType = await upload(crm, { fileName: "x.csv", mapping: { keyType: "crm_id", keyColumn: "Email" } });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.error?.message).toBe(
      '"crm_id" is not an identifier type of this workspace (its types: user_id, email, phone)',
    );
    const noColumn = await upload(crm, { fileName: "x.csv", mapping: { keyType: "email", keyColumn: "mail" } });
    expect(noColumn.status).toBe(400);
    expect(noColumn.body.error?.message).toMatch(/^The file has no column "mail" \(its columns: Email, Company/);
    const noOptions = await upload(crm, null);
    expect(noOptions.status).toBe(400);
    expect(noOptions.body.error?.message).toMatch(/x-enrichment-options/);
    const png = await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]));
    expect(png.status).toBe(415);
    expect(png.body.error?.message).toMatch(/PNG image/);
  });

  it("previews the first rows: the key as matched, typed values, or the reason", async () => {
    const preview = await callerFor(handle.db, ws.members.admin, ws.id).enrichment.preview({
      columns: ["Email", "Company", "Seats"],
      rows: [
        ["ANA@example.com", "Acme", "12"],
        ["zed@example.com", "Zed", ""],
        ["nope", "X", "1"],
      ],
      mapping: { keyType: "email", keyColumn: "Email" },
    });
    expect(preview.rows.map((r) => [r.status, r.key, r.traits, r.reason])).toEqual([
      [
        "matched",
        "ana@example.com",
        [
          { name: "Company", value: "Acme" },
          { name: "Seats", value: 12 },
        ],
        null,
      ],
      ["unmatched", "zed@example.com", [{ name: "Company", value: "Zed" }], null],
      ["invalid", null, [], "email is not an email address"],
    ]);
  });
});
