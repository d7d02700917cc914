import { describe, expect, it } from "vitest";
import { importMappingSchema } from "@/server/imports/schema";
import { anonymousIdForEmail, dataColumns, rowToMessage } from "@/server/imports/row-to-message";

const context = {
  sourceId: "0190a0a0-0000-7000-8000-00000000000f",
  importId: "0190a0a0-0000-7000-8000-0000000000aa",
  fileName: "users.csv",
  format: "csv" as const,
  rowNumber: 2,
};
const mapping = (m: object) => importMappingSchema.parse(m);

describe("a row as a message", () => {
  it("identify: user id, email as a trait, chosen columns as coerced traits", () => {
    const m = mapping({
      mode: "identify",
      userIdColumn: "id",
      emailColumn: "email",
      columns: ["plan", "seats", "vip", "zip"],
    });
    const result = rowToMessage(
      { id: "u1", email: " Ana@Example.COM ", plan: "pro", seats: "12", vip: "true", zip: "01234", ignored: "x" },
      m,
      m.columns!,
      context,
    );
    expect(result).toEqual({
      ok: true,
      message: {
        type: "identify",
        userId: "u1",
        traits: { plan: "pro", seats: 12, vip: true, zip: "01234", email: "ana@example.com" },
        context: { import: { id: context.importId, file: "users.csv", row: 2 } },
        messageId: expect.stringMatching(/^file-[0-9a-f]{40}$/),
      },
    });
  });

  it("track: event from a column, email only (anonymousId a hash of it), timestamp, all other columns as properties", () => {
    const m = mapping({ mode: "track", eventColumn: "what", emailColumn: "email", timestampColumn: "at" });
    const header = ["what", "email", "at", "amount", "note"];
    const result = rowToMessage(
      { what: "Order Completed", email: "b@x.io", at: "2024-03-01 10:00:00", amount: "9.50", note: "" },
      m,
      dataColumns(m, header),
      context,
    );
    expect(result).toMatchObject({
      ok: true,
      message: {
        type: "track",
        event: "Order Completed",
        anonymousId: anonymousIdForEmail("b@x.io"),
        properties: { amount: 9.5 },
        context: { traits: { email: "b@x.io" } },
        timestamp: "2024-03-01T10:00:00.000Z",
      },
    });
  });

  it("never puts an email into anonymousId: the same email gives the same opaque id, whatever its case", () => {
    for (const mode of ["identify", "track"] as const) {
      const m = mapping({ mode, emailColumn: "email", ...(mode === "track" ? { eventName: "Signed Up" } : {}) });
      const upper = rowToMessage({ email: "Ana@Example.COM" }, m, [], context);
      const lower = rowToMessage({ email: "ana@example.com" }, m, [], context);
      const other = rowToMessage({ email: "ben@example.com" }, m, [], context);
      const anonymousId = (r: ReturnType<typeof rowToMessage>) => (r.ok ? String(r.message.anonymousId) : "");
      expect(anonymousId(upper)).toMatch(/^email-[0-9a-f]{32}$/);
      expect(anonymousId(upper)).not.toContain("@");
      expect(JSON.stringify(upper.ok && { ...upper.message, traits: undefined, context: undefined })).not.toContain(
        "example.com",
      );
      expect(anonymousId(lower)).toBe(anonymousId(upper));
      expect(anonymousId(other)).not.toBe(anonymousId(upper));
    }
  });

  it("gives the same messageId for the same content, whatever the row number, import or column order", () => {
    const m = mapping({ mode: "identify", userIdColumn: "id" });
    const a = rowToMessage({ id: "u1", plan: "pro", seats: "3" }, m, ["plan", "seats"], context);
    const b = rowToMessage({ seats: "3", plan: "pro", id: "u1" }, m, ["seats", "plan"], {
      ...context,
      rowNumber: 99,
      importId: "other",
    });
    const c = rowToMessage({ id: "u1", plan: "team", seats: "3" }, m, ["plan", "seats"], context);
    const otherSource = rowToMessage({ id: "u1", plan: "pro", seats: "3" }, m, ["plan", "seats"], {
      ...context,
      sourceId: "elsewhere",
    });
    const id = (r: ReturnType<typeof rowToMessage>) => (r.ok ? r.message.messageId : null);
    expect(id(a)).toBe(id(b));
    expect(id(a)).not.toBe(id(c));
    expect(id(a)).not.toBe(id(otherSource));
  });

  it("uses a messageId column when the mapping names one", () => {
    const m = mapping({
      mode: "track",
      eventName: "Signed Up",
      userIdColumn: "id",
      messageIdColumn: "mid",
      columns: [],
    });
    expect(rowToMessage({ id: "u", mid: "abc-1" }, m, [], context)).toMatchObject({
      ok: true,
      message: { messageId: "abc-1", event: "Signed Up", properties: {} },
    });
    expect(rowToMessage({ id: "u", mid: "" }, m, [], context)).toEqual({
      ok: false,
      error: 'column "mid": the messageId is empty',
    });
  });

  it("explains rows it cannot use", () => {
    const m = mapping({
      mode: "track",
      eventColumn: "e",
      userIdColumn: "id",
      emailColumn: "mail",
      timestampColumn: "t",
      columns: [],
    });
    expect(rowToMessage({ e: "X", id: "", mail: "", t: "" }, m, [], context)).toEqual({
      ok: false,
      error: 'no user: "id" and "mail" are empty',
    });
    expect(rowToMessage({ e: "X", id: "u", mail: "nope", t: "" }, m, [], context)).toEqual({
      ok: false,
      error: 'column "mail": "nope" is not an email address',
    });
    expect(rowToMessage({ e: "X", id: "u", mail: "", t: "soon" }, m, [], context)).toEqual({
      ok: false,
      error: 'column "t": "soon" is not an ISO-8601 date or a Unix time',
    });
    expect(rowToMessage({ e: " ", id: "u", mail: "", t: "" }, m, [], context)).toEqual({
      ok: false,
      error: 'column "e": the event name is empty',
    });
  });

  it("reads NDJSON values as they are, and nested values by dotted path", () => {
    const m = mapping({ mode: "identify", userIdColumn: "user.id", columns: ["plan", "meta"] });
    const result = rowToMessage({ user: { id: 42 }, plan: "007", meta: { a: [1, 2] } }, m, m.columns!, {
      ...context,
      format: "ndjson",
    });
    expect(result).toMatchObject({ ok: true, message: { userId: "42", traits: { plan: "007", meta: { a: [1, 2] } } } });
  });

  it("keeps a column named __proto__ as data, not as a prototype", () => {
    const m = mapping({ mode: "identify", userIdColumn: "id", columns: ["__proto__"] });
    const record = Object.assign(Object.create(null), { id: "u", ["__proto__"]: "x" }) as Record<string, unknown>;
    const result = rowToMessage(record, m, m.columns!, context);
    expect(result.ok && JSON.stringify(result.message.traits)).toBe('{"__proto__":"x"}');
  });
});

describe("the mapping's rules", () => {
  it("needs a user id or email column, and exactly one event source for track", () => {
    expect(importMappingSchema.safeParse({ mode: "identify" }).success).toBe(false);
    expect(importMappingSchema.safeParse({ mode: "track", userIdColumn: "id" }).success).toBe(false);
    expect(
      importMappingSchema.safeParse({ mode: "track", userIdColumn: "id", eventName: "A", eventColumn: "e" }).success,
    ).toBe(false);
    expect(importMappingSchema.safeParse({ mode: "identify", emailColumn: "e", eventName: "A" }).success).toBe(false);
    expect(importMappingSchema.parse({ mode: "identify", emailColumn: "e" })).toMatchObject({
      coerce: true,
      delimiter: ",",
    });
  });
});
