import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { useDatabase } from "@/server/database";
import { handleErrorsDownload } from "@/server/imports/handle-errors-download";
import { handleUploadRequest } from "@/server/imports/handle-upload-request";
import { WORKSPACE_COOKIE } from "@/server/trpc/context";
import { freshDatabase } from "../../helpers/test-db";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { expectTrpcError } from "../trpc-call";
import { eventsOf, FIXTURES, fileSource } from "./helpers";

let handle: DatabaseHandle;
let ws: SeededWorkspace;
let sourceId: string;
const users = readFileSync(path.join(FIXTURES, "users.csv"));
const mapping = { mode: "identify", userIdColumn: "id", emailColumn: "email", columns: ["plan", "seats"] };

beforeAll(async () => {
  handle = await freshDatabase();
  useDatabase(handle);
  ws = await seedWorkspace(handle.db, "Uploads Co");
  sourceId = (await fileSource(handle.db, ws.id, "Uploads")).id;
});
afterAll(() => handle.close());

/** A streamed upload, as the browser sends it (same origin, workspace cookie). */
function upload(
  options: {
    user?: { id: string; email: string } | null;
    body?: Buffer | null;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    source?: string;
  } = {},
) {
  const source = options.source ?? sourceId;
  const query = new URLSearchParams(
    options.query ?? { fileName: "users.csv", format: "csv", mapping: JSON.stringify(mapping) },
  );
  const body = options.body === undefined ? users : options.body;
  const stream =
    body &&
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += 100) controller.enqueue(body.subarray(i, i + 100));
        controller.close();
      },
    });
  const request = new Request(`http://localhost/api/imports/${source}?${query}`, {
    method: "POST",
    headers: {
      host: "localhost",
      origin: "http://localhost",
      cookie: `${WORKSPACE_COOKIE}=${ws.id}`,
      ...(body ? { "content-length": String(body.length) } : {}),
      ...options.headers,
    },
    body: stream,
    duplex: "half",
  } as RequestInit);
  return handleUploadRequest(request, source, options.user === undefined ? ws.members.admin : options.user);
}

describe("POST /api/imports/{sourceId}", () => {
  it("imports the streamed body and answers with the totals", async () => {
    const response = await upload();
    expect(response.status).toBe(200);
    const { import: summary } = (await response.json()) as {
      import: { importId: string; rowsImported: number; rowsFailed: number; processedBytes: number };
    };
    expect(summary).toMatchObject({
      status: "completed",
      rowsImported: 6,
      rowsFailed: 4,
      processedBytes: users.length,
    });
    expect(await eventsOf(handle.db, ws.id, sourceId)).toHaveLength(6);
  });

  it("takes the options from an x-import-options header too", async () => {
    const response = await upload({
      query: {},
      headers: { "x-import-options": JSON.stringify({ fileName: "again.csv", format: "csv", mapping }) },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { import: unknown }).import).toMatchObject({
      rowsImported: 0,
      rowsDuplicate: 6,
    });
  });

  it("answers 401 signed out, 403 for a role without sources:manage or from another site", async () => {
    expect((await upload({ user: null })).status).toBe(401);
    const viewer = await upload({ user: ws.members.viewer });
    expect(viewer.status).toBe(403);
    expect(await viewer.json()).toEqual({
      error: { code: "forbidden", message: "Your role (viewer) does not allow this (needs sources:manage)" },
    });
    expect((await upload({ headers: { origin: "https://evil.example" } })).status).toBe(403);
  });

  it("answers 400 with the problem for bad options or no body, 404 for an unknown source, 422 when the file stops the import", async () => {
    const bad = await upload({
      query: { fileName: "x.csv", format: "xlsx", mapping: JSON.stringify({ mode: "identify" }) },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /format: must be csv or ndjson; mapping.userIdColumn: name a user id column/,
    );
    expect((await upload({ query: { fileName: "x.csv", format: "csv", mapping: "{" } })).status).toBe(400);
    expect((await upload({ body: null })).status).toBe(400);
    expect((await upload({ source: "0190a0a0-0000-7000-8000-000000000000" })).status).toBe(404);
    const wrong = await upload({ body: Buffer.from("a,b\n1,2\n") });
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({
      error: { code: "import_failed", message: expect.stringMatching(/no column "id", "email", "plan", "seats"/) },
      import: { status: "failed" },
    });
  });
});

describe("reading imports", () => {
  it("lists a source's imports newest first and shows one's progress", async () => {
    const list = await callerFor(handle.db, ws.members.viewer, ws.id).imports.list({ sourceId });
    expect(list.total).toBe(3);
    expect(list.imports.map((i) => i.fileName)).toEqual(["users.csv", "again.csv", "users.csv"]);
    expect(list.imports[2]).toMatchObject({
      status: "completed",
      rowsImported: 6,
      rowsFailed: 4,
      processedBytes: users.length,
      totalBytes: users.length,
    });
    const one = await callerFor(handle.db, ws.members.viewer, ws.id).imports.get({ importId: list.imports[2].id });
    expect(one.id).toBe(list.imports[2].id);
  });

  it("pages through the row errors; roles without pii:read see reasons, not rows", async () => {
    const [, , first] = (await callerFor(handle.db, ws.members.owner, ws.id).imports.list({ sourceId })).imports;
    const page = await callerFor(handle.db, ws.members.owner, ws.id).imports.errors({
      importId: first.id,
      pageSize: 3,
    });
    expect(page).toMatchObject({ total: 4, rowsFailed: 4 });
    expect(page.errors.map((e) => e.rowNumber)).toEqual([5, 6, 8]);
    expect(page.errors[1].line).toBe("u5,eve@example.com,pro");
    const viewer = await callerFor(handle.db, ws.members.viewer, ws.id).imports.errors({
      importId: first.id,
      page: 2,
      pageSize: 3,
    });
    expect(viewer.errors).toEqual([
      { rowNumber: 9, error: expect.stringMatching(/not an email/), line: expect.any(String) },
    ]);
    const masked = await callerFor(handle.db, ws.members.viewer, ws.id).imports.errors({
      importId: first.id,
      pageSize: 3,
    });
    expect(masked.errors[1].line).toBe("u5,•••@•••,pro");
  });

  it("downloads the errors as CSV, with formulas defused", async () => {
    const [, , first] = (await callerFor(handle.db, ws.members.owner, ws.id).imports.list({ sourceId })).imports;
    const request = (cookie: string) =>
      new Request(`http://localhost/api/imports/${sourceId}/${first.id}/errors`, { headers: { cookie } });
    const response = await handleErrorsDownload(
      request(`${WORKSPACE_COOKIE}=${ws.id}`),
      sourceId,
      first.id,
      ws.members.analyst,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="users-errors.csv"');
    const text = await response.text();
    expect(text.split("\r\n")[0]).toBe("row,error,line");
    expect(text).toContain('6,"expected 5 columns, found 3","u5,eve@example.com,pro"');
    expect(text).toContain('5,"no user: ""id"" and ""email"" are empty",",,free,1,2024-01-08"');
    const viewer = await (await handleErrorsDownload(request(""), sourceId, first.id, ws.members.viewer)).text();
    expect(viewer.split("\r\n")[0]).toBe("row,error,line");
    expect(viewer).toContain('6,"expected 5 columns, found 3","u5,•••@•••,pro"');
    expect(viewer).not.toContain("eve@example.com");
    expect((await handleErrorsDownload(request(""), sourceId, first.id, null)).status).toBe(401);
    expect(
      (await handleErrorsDownload(request(""), "0190a0a0-0000-7000-8000-000000000000", first.id, ws.members.owner))
        .status,
    ).toBe(404);
  });

  it("keeps workspaces apart", async () => {
    const other = await seedWorkspace(handle.db, "Elsewhere");
    const [first] = (await callerFor(handle.db, ws.members.owner, ws.id).imports.list({ sourceId })).imports;
    await expectTrpcError(
      callerFor(handle.db, other.members.owner, other.id).imports.get({ importId: first.id }),
      "NOT_FOUND",
    );
    expect((await callerFor(handle.db, other.members.owner, other.id).imports.list({ sourceId })).total).toBe(0);
  });
});
