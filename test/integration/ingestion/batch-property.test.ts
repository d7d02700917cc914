import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { rawQuery } from "@/db/raw-query";
import { parseJsonExact } from "@/server/ingestion/parse-json-exact";
import { freshDatabase } from "../../helpers/test-db";
import {
  basicAuth,
  createTestSource,
  startTrackingServer,
  stopTrackingServer,
  type TestSource,
  type TrackingServer,
} from "./tracking-server";

/**
 * Property-based: whatever is posted, the API never answers 5xx; in random batches mixing valid and invalid
 * events, accepted + rejected = sent, exactly the invalid ones are rejected, and every stored event is
 * complete and equal to what was sent.
 */
let handle: DatabaseHandle;
let server: TrackingServer;
let source: TestSource;
let headers: Record<string, string>;
beforeAll(async () => {
  handle = await freshDatabase();
  server = await startTrackingServer(handle);
  source = await createTestSource(handle.db);
  headers = { authorization: basicAuth(source.writeKey), "content-type": "application/json" };
});
afterAll(() => stopTrackingServer(server, handle));

async function send(path: string, body: string | Uint8Array) {
  const response = await fetch(`${server.url}${path}`, { method: "POST", headers, body: body as BodyInit });
  const text = await response.text();
  return {
    status: response.status,
    json: JSON.parse(text) as { accepted: number; duplicates: number; rejected: { index: number; reason: string }[] },
  };
}

type Message = Record<string, unknown>;
const text = fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== "");
const properties = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
const when = fc
  .date({ min: new Date("2001-01-01"), max: new Date("2099-01-01"), noInvalidDate: true })
  .map((d) => d.toISOString());
const who = fc.oneof(
  fc.record({ userId: text }),
  fc.record({ anonymousId: text }),
  fc.record({ userId: text, anonymousId: text }),
);

const validEvent: fc.Arbitrary<Message> = fc
  .tuple(
    who,
    fc.oneof(
      fc.record({ type: fc.constant("track"), event: text, properties }),
      fc.record({ type: fc.constant("identify"), traits: properties }),
      fc.record({ type: fc.constantFrom("page", "screen"), name: text, properties }),
      fc.record({ type: fc.constant("group"), groupId: text, traits: properties }),
      fc.record({ type: fc.constant("alias"), previousId: text }),
    ),
    fc.option(fc.record({ timestamp: when, sentAt: when }), { nil: undefined }),
    fc.option(fc.record({ context: properties }), { nil: undefined }),
  )
  .map(([ids, body, times, context]) => ({ ...ids, ...body, ...times, ...context }));

const invalidEvent: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ type: fc.constant("track"), userId: text }), // no event name
  fc.record({ type: fc.constant("identify"), traits: properties }), // no userId or anonymousId
  fc.record({ type: fc.constant("unknown"), userId: text }),
  fc.record({
    type: fc.constant("track"),
    userId: text,
    event: text,
    messageId: fc.string({ minLength: 101, maxLength: 120 }),
  }),
  fc.record({ type: fc.constant("track"), userId: fc.dictionary(fc.string(), fc.integer()), event: text }),
  fc.record({ type: fc.constant("track"), userId: text, event: text, timestamp: fc.constant("not a date") }),
  fc.record({ type: fc.constant("track"), userId: text, event: text, properties: fc.constant({ nul: "a\u0000b" }) }),
  fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })),
);

let run = 0;

describe("the tracking API under random input", () => {
  it("never answers 5xx to random JSON or random bytes, on any endpoint", async () => {
    const endpoint = fc.constantFrom("/v1/batch", "/v1/track", "/v1/identify", "/v1/import");
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ batch: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }) }).map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 200 }),
    );
    await fc.assert(
      fc.asyncProperty(endpoint, body, async (path, payload) => {
        const { status } = await send(path, payload);
        expect([200, 400]).toContain(status);
      }),
      { numRuns: 120 },
    );
  });

  it("stores exactly the valid events of mixed batches, each complete and equal to what was sent", async () => {
    const item = fc.oneof(
      { arbitrary: validEvent.map((message) => ({ valid: true, message })), weight: 3 },
      { arbitrary: invalidEvent.map((message) => ({ valid: false, message })), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(item, { maxLength: 30 }), async (items) => {
        run++;
        const batch = items.map(({ valid, message }, i) =>
          valid ? { ...(message as Message), messageId: `prop-${run}-${i}` } : message,
        );
        const { status, json } = await send("/v1/batch", JSON.stringify({ batch }));
        expect(status).toBe(200);
        const invalid = items.flatMap((item, index) => (item.valid ? [] : [index]));
        expect(json.accepted + json.duplicates + json.rejected.length).toBe(batch.length);
        expect(json.duplicates).toBe(0);
        expect(json.rejected.map((r) => r.index)).toEqual(invalid);

        const sent = batch.filter((_, i) => items[i].valid) as Message[];
        const stored = await rawQuery<Record<string, unknown>>(
          handle.db,
          `SELECT message_id, type, event, user_id, anonymous_id, group_id, previous_id, timestamp, raw FROM events WHERE workspace_id = $1 AND message_id LIKE $2`,
          [source.workspaceId, `prop-${run}-%`],
        );
        expect(stored).toHaveLength(sent.length);
        const byId = new Map(stored.map((row) => [row.message_id, row]));
        for (const message of sent) {
          const row = byId.get(message.messageId as string)!;
          // Integers beyond ±2^53 are kept as strings of their digits (parseJsonExact), never rounded.
          expect(row.raw).toEqual(parseJsonExact(JSON.stringify(message)));
          expect(row.type).toBe(message.type);
          expect(row.user_id).toBe(message.userId ?? null);
          expect(row.anonymous_id).toBe(message.anonymousId ?? null);
          expect(row.group_id).toBe(message.groupId ?? null);
          expect(row.previous_id).toBe(message.previousId ?? null);
          expect(row.event).toBe(
            message.type === "track"
              ? message.event
              : message.type === "page" || message.type === "screen"
                ? message.name
                : null,
          );
          expect(row.timestamp).not.toBeNull();
        }
      }),
      { numRuns: 40 },
    );
  });
});
