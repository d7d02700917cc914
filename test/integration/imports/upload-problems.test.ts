import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "@/db/client";
import { fileImports } from "@/db/schema";
import { useDatabase as installDatabase } from "@/server/database";
import { handleErrorsDownload } from "@/server/imports/handle-errors-download";
import { handleUploadRequest } from "@/server/imports/handle-upload-request";
import { WORKSPACE_COOKIE } from "@/server/trpc/context";
import { freshDatabase } from "../../helpers/test-db";
import { seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { auditOf, errorsOf, eventsOf, FIXTURES, fileSource, importText, usersCsv } from "./helpers";

let handle: DatabaseHandle;
let ws: SeededWorkspace;
const users = readFileSync(path.join(FIXTURES, "users.csv"));
const mapping = { mode: "identify", userIdColumn: "id", emailColumn: "email", columns: ["plan", "seats"] };

beforeAll(async () => {
  handle = await freshDatabase();
  installDatabase(handle);
  ws = await seedWorkspace(handle.db, "Upload Problems Co");
});
afterAll(() => handle.close());

/** A streamed upload as the browser sends it; `hang` keeps the body open after the bytes (a stalled client). */
function upload(
  sourceId: string,
  body: Buffer,
  options: { chunk?: number; hang?: boolean; signal?: AbortSignal; fileName?: string } = {},
) {
  const size = options.chunk ?? 100;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < body.length; i += size) controller.enqueue(body.subarray(i, i + size));
      if (!options.hang) controller.close();
    },
  });
  const query = new URLSearchParams({
    fileName: options.fileName ?? "users.csv",
    format: "csv",
    mapping: JSON.stringify(mapping),
  });
  const request = new Request(`http://localhost/api/imports/${sourceId}?${query}`, {
    method: "POST",
    headers: {
      host: "localhost",
      origin: "http://localhost",
      cookie: `${WORKSPACE_COOKIE}=${ws.id}`,
      "content-length": String(body.length),
    },
    body: stream,
    duplex: "half",
    signal: options.signal,
  } as RequestInit);
  return handleUploadRequest(request, sourceId, ws.members.admin);
}

const importsOf = (sourceId: string) =>
  handle.db
    .select()
    .from(fileImports)
    .where(and(eq(fileImports.workspaceId, ws.id), eq(fileImports.sourceId, sourceId)));

/** Runs `fn` with the process database replaced by `db` (a wrapper that breaks one path of the real one). */
async function withDb<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  installDatabase({ ...handle, db });
  try {
    return await fn();
  } finally {
    installDatabase(handle);
  }
}

describe("file encodings", () => {
  it("imports UTF-16 LE and BE files (with BOM) exactly like the UTF-8 file, characters split across chunks", async () => {
    const utf8 = await fileSource(handle.db, ws.id, "UTF-8");
    expect((await upload(utf8.id, users)).status).toBe(200);
    const expected = (await eventsOf(handle.db, ws.id, utf8.id)).map((e) => [
      e.userId,
      (e.raw as { traits: unknown }).traits,
    ]);
    const text = users.toString("utf8");
    for (const [name, bytes] of [
      ["LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])],
      ["BE", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()])],
    ] as const) {
      const source = await fileSource(handle.db, ws.id, `UTF-16 ${name}`);
      const response = await upload(source.id, bytes, { chunk: 33 });
      expect(response.status, name).toBe(200);
      const { import: summary } = (await response.json()) as { import: Record<string, unknown> };
      expect(summary).toMatchObject({
        status: "completed",
        rowsImported: 6,
        rowsFailed: 4,
        processedBytes: bytes.length,
        totalBytes: bytes.length,
      });
      expect(
        (await eventsOf(handle.db, ws.id, source.id)).map((e) => [e.userId, (e.raw as { traits: unknown }).traits]),
      ).toEqual(expected);
    }
  });

  it("refuses a PNG and a UTF-32 file with 415 naming the problem, before any import exists", async () => {
    const source = await fileSource(handle.db, ws.id, "Refusals");
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.alloc(20_000, 7),
    ]);
    const refused = await upload(source.id, png, { fileName: "logo.csv" });
    expect(refused.status).toBe(415);
    expect(await refused.json()).toEqual({
      error: {
        code: "unsupported_file",
        message: expect.stringMatching(/^The file is a PNG image, not CSV or NDJSON text/),
      },
    });
    const utf32 = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from("i\0\0\0d\0\0\0\n\0\0\0", "latin1")]);
    const refused32 = await upload(source.id, utf32);
    expect(refused32.status).toBe(415);
    expect(((await refused32.json()) as { error: { message: string } }).error.message).toMatch(
      /UTF-32, which is not supported/,
    );
    expect(await importsOf(source.id)).toEqual([]);
  });
});

describe("failures never leak SQL and never leave an import running", () => {
  it("a storage failure answers 503 without the statement or its values; the import is failed with a reason and audited", async () => {
    const source = await fileSource(handle.db, ws.id, "Storage down");
    let transactions = 0;
    const failing = new Proxy(handle.db, {
      get(target, key, receiver) {
        if (key !== "transaction") return Reflect.get(target, key, receiver);
        return (...args: Parameters<Db["transaction"]>) => {
          // The first transaction opens the import; the next one (progress) meets a driver error.
          if (++transactions === 2)
            return Promise.reject(
              new Error(
                `Failed query: insert into "file_import_errors" values ($1, $2)\nparams: ana@example.com,u5,eve@example.com`,
              ),
            );
          return target.transaction(...args);
        };
      },
    });
    const response = await withDb(failing, () => upload(source.id, users));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: {
        code: "storage_unavailable",
        message: "Storage failed during the import; import the file again (rows already stored are skipped)",
      },
    });
    expect(text).not.toMatch(/Failed query|insert|params|example\.com/i);
    const [row] = await importsOf(source.id);
    expect(row).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/^Storage failed during the import/),
      finishedAt: expect.any(Date),
    });
    const [audit] = (await auditOf(handle.db, ws.id, "import.fail")).filter((a) => a.targetId === source.id);
    expect(audit.summary).toMatchObject({ after: { importId: row.id, reason: row.error } });
  });

  it("an upload whose connection closes is failed with the reason at once, not left running", async () => {
    const source = await fileSource(handle.db, ws.id, "Cancelled");
    const controller = new AbortController();
    // More than the 8 KB head that is checked before the import starts; then the client stalls and goes away.
    const sent = Buffer.from(usersCsv(0, 300).replace("id,email,plan,score", "id,email,plan,seats"));
    const answer = upload(source.id, sent, { hang: true, signal: controller.signal });
    await expect.poll(async () => (await importsOf(source.id)).length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the reader now waits for bytes that never come
    controller.abort();
    const response = await answer;
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error).toEqual({
      code: "import_failed",
      message: expect.stringMatching(
        new RegExp(`^The upload stopped after ${sent.length} of ${sent.length} bytes \\(the connection closed\\)`),
      ),
    });
    const [row] = await importsOf(source.id);
    expect(row).toMatchObject({ status: "failed", error: body.error.message, rowsImported: 300 });
    expect((await auditOf(handle.db, ws.id, "import.fail")).filter((a) => a.targetId === source.id)).toHaveLength(1);
  });
});

describe("row errors", () => {
  it("an import of 5 bad rows offers those 5 rows in its error download, even when the driver's raw path is broken", async () => {
    const source = await fileSource(handle.db, ws.id, "Five bad");
    // Row errors and totals are written together through the query builder: a failing raw driver path
    // (as in the production bundle once) can no longer leave a count of failures without their rows.
    const rawBroken = new Proxy(handle.db, {
      get: (target, key, receiver) => (key === "$client" ? {} : Reflect.get(target, key, receiver)),
    });
    const bad = Buffer.from('id,email,plan,seats\n,,a,1\nu2,not-an-email,b,2\nu3,x@y.z\nu4,"open"x,c,4\n,,e,5\n');
    const response = await withDb(rawBroken, () => upload(source.id, bad));
    expect(response.status).toBe(200);
    const { import: summary } = (await response.json()) as { import: { importId: string; rowsFailed: number } };
    expect(summary).toMatchObject({ rowsFailed: 5 });
    const download = await handleErrorsDownload(
      new Request(`http://localhost/api/imports/${source.id}/${summary.importId}/errors`, {
        headers: { cookie: `${WORKSPACE_COOKIE}=${ws.id}` },
      }),
      source.id,
      summary.importId,
      ws.members.admin,
    );
    expect(download.status).toBe(200);
    const lines = (await download.text()).trim().split("\r\n");
    expect(lines[0]).toBe("row,error,line");
    expect(lines.slice(1).map((l) => Number(l.split(",")[0]))).toEqual([2, 3, 4, 5, 6]);
    expect(lines[2]).toContain("u2,not-an-email,b,2");
  });

  it("an NDJSON row nested 10,000 deep is a row error with its line; the rows beside it are imported", async () => {
    const source = await fileSource(handle.db, ws.id, "Deep");
    const deep = `{"id":"u2","x":${"[".repeat(10_000)}${"]".repeat(10_000)}}`;
    const text = [`{"id":"u1","plan":"pro"}`, deep, `{"id":"u3","big":12345678901234567890}`].join("\n");
    const summary = await importText(handle.db, ws.id, source.id, text, {
      format: "ndjson",
      mapping: { mode: "identify", userIdColumn: "id" },
    });
    expect(summary).toMatchObject({ status: "completed", rowsImported: 2, rowsFailed: 1 });
    expect(await errorsOf(handle.db, ws.id, summary.importId)).toEqual([
      { rowNumber: 2, error: "the row nests objects or arrays more than 64 levels deep", line: deep.slice(0, 2_000) },
    ]);
    const stored = await eventsOf(handle.db, ws.id, source.id);
    expect(stored.map((e) => e.userId)).toEqual(["u1", "u3"]);
    expect((stored[1].raw as { traits: { big: unknown } }).traits.big).toBe("12345678901234567890");
  });

  it("an unclosed quote is reported on the line where its field starts, and the rows before it are imported", async () => {
    const source = await fileSource(handle.db, ws.id, "Unclosed");
    const text = 'id,plan\nu1,a\nu2,b\nu3,12" screen\nu4,d\nu5,"never closed\nu6,f\nu7,g\nu8,h\n';
    const summary = await importText(handle.db, ws.id, source.id, text, {
      format: "csv",
      mapping: { mode: "identify", userIdColumn: "id" },
    });
    expect(summary).toMatchObject({ status: "completed", rowsImported: 4, rowsFailed: 1 });
    const [error] = await errorsOf(handle.db, ws.id, summary.importId);
    expect(error).toMatchObject({
      rowNumber: 6,
      error: expect.stringMatching(/^the quote opened on line 6 is never closed/),
    });
  });
});
