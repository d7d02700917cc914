import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { extractIdentifiers, identifierKey, type Identifier } from "@/server/identity/extract-identifiers";
import { effectiveRules, identityRulesSchema, type IdentityRules } from "@/server/identity/identity-rules";
import { blockList } from "@/server/identity/normalize-identifier";
import { resolveBatch, type BatchEvent, type KnownIdentity } from "@/server/identity/resolve-batch";

/** Deterministic identity resolution of event batches: scenarios, merge protection, and order independence. */
const rulesOf = (input: Partial<IdentityRules> = {}) => effectiveRules(identityRulesSchema.parse(input));

function ids() {
  let n = 0;
  return () => `p${String(++n).padStart(4, "0")}`;
}

/** Resolves messages in order (optionally in several batches), carrying the graph from batch to batch. */
function resolveAll(messages: Record<string, unknown>[][], rules = rulesOf()) {
  const isBlocked = blockList(rules.blocked);
  const known: KnownIdentity[] = [];
  const newId = ids();
  const dropped: { eventId: string; identifier: Identifier; reason: string }[] = [];
  const skipped: { eventId: string; type: string; reason: string }[] = [];
  const merges: { eventId: string }[] = [];
  const eventProfiles = new Map<string, string>();
  let seq = 0;
  for (const batch of messages) {
    const events: BatchEvent[] = batch.map((raw) => {
      const eventId = String(raw.messageId ?? `e${++seq}`);
      const extracted = extractIdentifiers(raw, rules, isBlocked);
      skipped.push(...extracted.skipped.map((s) => ({ eventId, ...s })));
      return {
        eventId,
        at: Date.parse(String(raw.timestamp ?? "2026-01-01T00:00:00Z")),
        identifiers: extracted.identifiers,
      };
    });
    const result = resolveBatch(events, known, rules, newId);
    for (const m of result.merges) {
      for (const k of known) if (k.profileId === m.from) k.profileId = m.into;
      for (const [e, p] of eventProfiles) if (p === m.from) eventProfiles.set(e, m.into);
    }
    known.push(...result.newIdentities);
    for (const [e, p] of result.eventProfiles) eventProfiles.set(e, p);
    dropped.push(...result.dropped);
    merges.push(...result.merges);
  }
  const profiles = new Map<string, string[]>();
  for (const k of known) profiles.set(k.profileId, [...(profiles.get(k.profileId) ?? []), `${k.type}:${k.value}`]);
  const partition = [...profiles.values()].map((p) => p.sort().join(" ")).sort();
  return { partition, dropped, skipped, merges, eventProfiles, known };
}

describe("identity resolution", () => {
  it("joins anonymous browsing to the person on identify, and an alias chain to both", () => {
    const { partition, merges } = resolveAll([
      [
        { type: "page", anonymousId: "anon-1" },
        { type: "identify", anonymousId: "anon-1", userId: "u-1", traits: { email: "Ana@Example.COM " } },
        { type: "page", anonymousId: "anon-2" },
        { type: "alias", previousId: "anon-2", userId: "u-1" },
      ],
    ]);
    expect(partition).toEqual(["anonymous_id:anon-1 anonymous_id:anon-2 email:ana@example.com user_id:u-1"]);
    expect(merges).toHaveLength(1); // anon-2's profile merged into the person's when the alias linked them
  });

  it("joins two devices through an email seen on both", () => {
    const { partition } = resolveAll([
      [
        { type: "identify", anonymousId: "laptop", traits: { email: "bo@example.com" } },
        { type: "identify", anonymousId: "phone", context: { traits: { email: "BO@example.com" } } },
      ],
    ]);
    expect(partition).toEqual(["anonymous_id:laptop anonymous_id:phone email:bo@example.com"]);
  });

  it("never merges two users who share a device: the device id is dropped from the second link, with the reason", () => {
    const { partition, dropped } = resolveAll([
      [
        { type: "identify", messageId: "m1", anonymousId: "kiosk", userId: "alice" },
        { type: "identify", messageId: "m2", anonymousId: "kiosk", userId: "bob" },
      ],
    ]);
    expect(partition).toEqual(["anonymous_id:kiosk user_id:alice", "user_id:bob"]);
    expect(dropped).toEqual([
      {
        eventId: "m2",
        identifier: { type: "anonymous_id", value: "kiosk" },
        reason: expect.stringMatching(/at most 1 user_id/),
      },
    ]);
  });

  it("never makes identifiers of blocked or malformed values, and says why", () => {
    const { partition, skipped } = resolveAll(
      [
        [
          {
            type: "identify",
            messageId: "m1",
            userId: "null",
            anonymousId: "00000000",
            traits: { email: "test@example.com", phone: "12" },
          },
          {
            type: "identify",
            messageId: "m2",
            userId: { id: 1 },
            anonymousId: "a".repeat(300),
            traits: { email: "ok@example.com" },
          },
          { type: "track", messageId: "m3", userId: "VIP-0", anonymousId: "x" },
        ],
      ],
      rulesOf({ blocked: ["/^vip-\\d$/"] }),
    );
    expect(partition).toEqual(["anonymous_id:x", "email:ok@example.com"]);
    expect(skipped.map((s) => `${s.eventId} ${s.type}: ${s.reason}`)).toEqual([
      'm1 user_id: user_id "null" is on the block list',
      'm1 anonymous_id: anonymous_id "00000000" is on the block list',
      'm1 email: email "test@example.com" is on the block list',
      'm1 phone: phone "12" is not a phone number',
      "m2 user_id: user_id must be a string or a number, not object",
      "m2 anonymous_id: anonymous_id is longer than 255 characters",
      'm3 user_id: user_id "VIP-0" is on the block list',
    ]);
  });

  it("normalises phones to E.164 with the workspace's default country", () => {
    const { partition } = resolveAll(
      [
        [
          { type: "identify", anonymousId: "a", traits: { phone: "020 7946 0958" } },
          { type: "identify", anonymousId: "b", traits: { phone: "+44 20 7946 0958" } },
        ],
      ],
      rulesOf({ defaultCountry: "GB" }),
    );
    expect(partition).toEqual(["anonymous_id:a anonymous_id:b phone:+442079460958"]);
  });

  it("applies per-type limits, dropping the lowest-priority identifier first", () => {
    const rules = rulesOf({ limits: { email: { max: 1 } } });
    const { partition, dropped } = resolveAll(
      [
        [
          { type: "identify", userId: "u1", traits: { email: "a@example.com" } },
          { type: "identify", messageId: "m2", userId: "u1", traits: { email: "b@example.com" } },
        ],
      ],
      rules,
    );
    expect(partition).toEqual(["email:a@example.com user_id:u1"]);
    expect(dropped.map((d) => d.identifier)).toEqual([{ type: "email", value: "b@example.com" }]);
  });

  it("counts a limit over a sliding window when it has one", () => {
    const rules = rulesOf({ limits: { anonymous_id: { max: 2, windowDays: 7 } } });
    const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
    const { partition } = resolveAll(
      [
        [
          { type: "identify", userId: "u", anonymousId: "a1", timestamp: day(1) },
          { type: "identify", userId: "u", anonymousId: "a2", timestamp: day(2) },
          { type: "identify", userId: "u", anonymousId: "a3", timestamp: day(3) }, // third within a week: dropped
          { type: "identify", userId: "u", anonymousId: "a4", timestamp: day(20) }, // a1 and a2 are older than a week
        ],
      ],
      rules,
    );
    expect(partition).toEqual(["anonymous_id:a1 anonymous_id:a2 anonymous_id:a4 user_id:u"]);
  });

  it("reads custom identifier types from context.externalIds and configured paths", () => {
    const rules = rulesOf({ customTypes: [{ type: "crm_id", paths: ["traits.crm.id"] }] });
    const { partition } = resolveAll(
      [
        [
          {
            type: "identify",
            anonymousId: "a",
            context: {
              externalIds: [
                { id: "C-7", type: "crm_id", collection: "users" },
                { id: "x", type: "unknown_type" },
              ],
            },
          },
          { type: "identify", anonymousId: "b", traits: { crm: { id: "C-7" } } },
        ],
      ],
      rules,
    );
    expect(partition).toEqual(["anonymous_id:a anonymous_id:b crm_id:C-7"]);
  });

  it("changes nothing when the same batch is resolved again", () => {
    const batch = [
      { type: "identify", messageId: "m1", anonymousId: "a", userId: "u" },
      { type: "identify", messageId: "m2", anonymousId: "b", traits: { email: "e@example.com" } },
      { type: "alias", messageId: "m3", previousId: "b", userId: "u" },
    ];
    const once = resolveAll([batch]);
    const twice = resolveAll([batch, batch]);
    expect(twice.partition).toEqual(once.partition);
    expect(twice.merges).toHaveLength(once.merges.length);
  });

  it("gives the same partition for any arrival order and batching when no limit is in the way", () => {
    const identifier = fc.oneof(
      fc.constantFrom("a1", "a2", "a3", "a4", "a5", "a6").map((v) => ["anonymousId", v] as const),
      fc.constantFrom("x@example.com", "y@example.com", "z@example.com").map((v) => ["email", v] as const),
      fc.constantFrom("c1", "c2").map((v) => ["crm", v] as const),
    );
    const message = fc.array(identifier, { minLength: 1, maxLength: 3 }).map((parts) => {
      const m: Record<string, unknown> = { type: "identify", traits: {}, context: { externalIds: [] } };
      for (const [kind, value] of parts) {
        if (kind === "anonymousId") m.anonymousId = value;
        else if (kind === "email") (m.traits as Record<string, unknown>).email = value;
        else (m.context as { externalIds: unknown[] }).externalIds.push({ id: value, type: "crm_id" });
      }
      return m;
    });
    const rules = rulesOf({ customTypes: [{ type: "crm_id", paths: [] }] });
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer(),
        (messages, batches, seed) => {
          const reference = resolveAll([messages], rules).partition;
          const shuffled = fc.sample(
            fc.shuffledSubarray(messages, { minLength: messages.length, maxLength: messages.length }),
            { seed, numRuns: 1 },
          )[0];
          const size = Math.ceil(shuffled.length / batches);
          const split = Array.from({ length: batches }, (_, i) => shuffled.slice(i * size, (i + 1) * size)).filter(
            (b) => b.length > 0,
          );
          expect(resolveAll(split, rules).partition).toEqual(reference);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("extractIdentifiers", () => {
  it("keys identifiers by type and value", () => {
    expect(identifierKey({ type: "email", value: "a@b.co" })).not.toBe(
      identifierKey({ type: "user_id", value: "a@b.co" }),
    );
  });
});
