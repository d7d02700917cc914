import { describe, expect, it } from "vitest";
import { normalizeMessage } from "@/server/ingestion/normalize-message";

const receivedAt = new Date("2026-03-01T12:00:00.000Z");
const normalize = (message: Record<string, unknown>, batchSentAt?: unknown) =>
  normalizeMessage({ type: "track", userId: "u", event: "E", ...message }, { receivedAt, batchSentAt });
const row = (message: Record<string, unknown>, batchSentAt?: unknown) => {
  const result = normalize(message, batchSentAt);
  if (!result.ok) throw new Error(result.reason);
  return result.row;
};

describe("clock-skew correction: timestamp = receivedAt − (sentAt − originalTimestamp)", () => {
  it("moves an event from a client whose clock runs an hour fast back onto the server's clock", () => {
    const r = row({ originalTimestamp: "2026-03-01T12:59:50.000Z", sentAt: "2026-03-01T13:00:00.000Z" });
    expect(r.timestamp).toBe("2026-03-01T11:59:50.000Z");
    expect(r.originalTimestamp).toBe("2026-03-01T12:59:50.000Z");
    expect(r.sentAt).toBe("2026-03-01T13:00:00.000Z");
    expect(r.receivedAt).toBe("2026-03-01T12:00:00.000Z");
  });

  it("works for a slow clock too, and with timestamp standing in for originalTimestamp", () => {
    expect(row({ timestamp: "2020-01-01T00:00:00.000Z", sentAt: "2020-01-01T00:00:05.500Z" }).timestamp).toBe(
      "2026-03-01T11:59:54.500Z",
    );
  });

  it("takes the batch's sentAt when the message has none; the message's own wins", () => {
    const batchSentAt = "2026-03-01T12:00:30.000Z";
    expect(row({ originalTimestamp: "2026-03-01T12:00:00.000Z" }, batchSentAt).timestamp).toBe(
      "2026-03-01T11:59:30.000Z",
    );
    expect(
      row({ originalTimestamp: "2026-03-01T12:00:00.000Z", sentAt: "2026-03-01T12:00:01.000Z" }, batchSentAt).timestamp,
    ).toBe("2026-03-01T11:59:59.000Z");
  });

  it("keeps the client's time without sentAt, and uses receivedAt without any time", () => {
    expect(row({ timestamp: "2025-12-31T23:00:00.000+01:00" }).timestamp).toBe("2025-12-31T22:00:00.000Z");
    expect(row({}).timestamp).toBe(receivedAt.toISOString());
  });

  it("refuses dates that are not dates", () => {
    expect(normalize({ timestamp: "yesterday" })).toEqual({
      ok: false,
      code: "invalid_timestamp",
      reason: "timestamp is not a valid ISO-8601 date",
    });
    expect(normalize({ sentAt: "soon" })).toMatchObject({ ok: false, code: "invalid_timestamp" });
  });
});

describe("rejection codes", () => {
  it.each([
    [{ userId: null }, "missing_identity"],
    [{ event: "" }, "missing_event_name"],
    [{ messageId: "x".repeat(101) }, "message_id_too_long"],
    [{ messageId: 7 }, "invalid_message_id"],
    [{ type: "nope" }, "invalid_type"],
    [{ properties: { big: "x".repeat(33_000) } }, "event_too_large"],
    [{ properties: { nul: "a\u0000b" } }, "unstorable_text"],
    [{ userId: { id: 1 } }, "invalid_event"],
  ])("%j → %s", (message, code) => {
    expect(normalize(message)).toMatchObject({ ok: false, code });
  });

  it("keeps the message for the catalog and removes the write key from what is stored", () => {
    const r = row({ writeKey: "wk_secret", properties: { a: 1 } });
    expect(r.message).toMatchObject({ type: "track", properties: { a: 1 } });
    expect(r.message).not.toHaveProperty("writeKey");
    expect(JSON.parse(r.raw)).toEqual(r.message);
  });
});

describe("what the database can store, checked before the event is queued", () => {
  it("refuses dates before 1970 or after 9999, and a corrected timestamp before year 1, naming the range", () => {
    expect(normalize({ timestamp: "1969-12-31T23:59:59.999Z" })).toEqual({
      ok: false,
      code: "invalid_timestamp",
      reason: "timestamp must be a date between 1970-01-01 and 9999-12-31",
    });
    expect(normalize({ sentAt: "+010000-01-01T00:00:00.000Z" })).toMatchObject({
      ok: false,
      reason: "sentAt must be a date between 1970-01-01 and 9999-12-31",
    });
    expect(normalize({ timestamp: "1970-01-01T00:00:00.000Z", sentAt: "9000-01-01T00:00:00.000Z" })).toMatchObject({
      ok: false,
      code: "invalid_timestamp",
      reason: expect.stringContaining("check sentAt"),
    });
    // A clock 60 years fast is odd but storable: the corrected time falls before 1970, and is kept.
    expect(
      row({ timestamp: "2080-01-01T00:00:00.000Z", sentAt: "2090-01-01T00:00:00.000Z" }).timestamp.startsWith("2016"),
    ).toBe(true);
  });

  it("refuses nesting deeper than 64 levels, the event itself counted, even when JSON.stringify would overflow", () => {
    const nest = (depth: number) => {
      let value: unknown = 1;
      for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
      return value;
    };
    expect(normalize({ properties: nest(63) }).ok).toBe(true);
    const refused = {
      ok: false,
      code: "nested_too_deep",
      reason: "event nests objects and arrays deeper than the limit of 64 levels",
    };
    expect(normalize({ properties: nest(64) })).toEqual(refused);
    expect(normalize({ properties: nest(100_000) })).toEqual(refused);
    // Brackets inside strings (escaped quotes too) are text, not nesting.
    expect(normalize({ properties: { text: `\\"${"[{".repeat(100)}` } }).ok).toBe(true);
  });

  it("never stores a write key: the fields go, and a key elsewhere is masked", () => {
    const key = `wk_${"Ab9_-".repeat(6)}xy`;
    const r = row({ writeKey: key, write_key: key, context: { note: `key ${key}` } });
    expect(JSON.parse(r.raw)).toEqual({
      type: "track",
      userId: "u",
      event: "E",
      messageId: r.messageId,
      context: { note: "key [redacted]" },
    });
  });
});

describe("what cannot be serialised", () => {
  it("is refused with a reason instead of throwing (a value JSON has no form for)", () => {
    expect(normalize({ properties: { n: BigInt(1) } })).toEqual({
      ok: false,
      code: "invalid_event",
      reason: "event cannot be serialised as JSON",
    });
  });
});
