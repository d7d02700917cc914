import { describe, expect, it } from "vitest";
import { deliveryMessageId, mapDelivery } from "@/server/webhooks/map-delivery";

const context = {
  sourceId: "0190a0a0-0000-7000-8000-000000000001",
  deliveryKey: "msg_1",
  receivedAt: new Date("2024-05-01T12:00:00Z"),
};

describe("mapping a delivery", () => {
  it("uses the payload as it is when there is no mapping", async () => {
    const mapped = await mapDelivery(null, { type: "identify", userId: "u1", traits: { plan: "pro" } }, context);
    expect(mapped).toMatchObject({ status: "mapped", error: null, rejections: [] });
    expect(mapped.rows).toHaveLength(1);
    expect(mapped.rows[0]).toMatchObject({
      type: "identify",
      userId: "u1",
      messageId: deliveryMessageId(context.sourceId, "msg_1", 0),
    });
  });

  it("derives stable messageIds from the delivery key and position, and keeps one the mapping gives", async () => {
    const mapping =
      '[{"type": "track", "event": "A", "userId": "u"}, {"type": "track", "event": "B", "userId": "u", "messageId": "given-1"}]';
    const first = await mapDelivery(mapping, {}, context);
    const again = await mapDelivery(mapping, {}, { ...context, receivedAt: new Date() });
    expect(first.rows.map((r) => r.messageId)).toEqual([deliveryMessageId(context.sourceId, "msg_1", 0), "given-1"]);
    expect(again.rows.map((r) => r.messageId)).toEqual(first.rows.map((r) => r.messageId));
    const other = await mapDelivery(mapping, {}, { ...context, deliveryKey: "msg_2" });
    expect(other.rows[0].messageId).not.toBe(first.rows[0].messageId);
  });

  it("is mapping_failed for an invalid expression, a runtime error or a result that is not an object", async () => {
    expect(await mapDelivery('{"type":', {}, context)).toMatchObject({
      status: "mapping_failed",
      error: expect.stringMatching(/^line 1, column 9: expected "}" before the end of the expression \(S0203\)/),
      rows: [],
    });
    expect(await mapDelivery('$number("x")', {}, context)).toMatchObject({
      status: "mapping_failed",
      error: expect.stringMatching(/cannot be turned into a number \(D3030\)/),
    });
    expect(await mapDelivery('"just text"', {}, context)).toMatchObject({
      status: "mapping_failed",
      error: expect.stringMatching(/not a string/),
    });
  });

  it("maps to nothing when the expression matches nothing (a filtered-out delivery)", async () => {
    expect(
      await mapDelivery('kind = "paid" ? {"type": "track", "event": "Paid", "userId": "u"}', { kind: "ping" }, context),
    ).toMatchObject({ status: "mapped", rows: [] });
  });

  it("is rejected when every produced event is refused, mapped with a note when only some are", async () => {
    const none = await mapDelivery('{"type": "track", "event": "X"}', {}, context);
    expect(none).toMatchObject({
      status: "rejected",
      error: "1 of 1 events refused: #0: userId or anonymousId is required",
      rows: [],
    });
    const some = await mapDelivery(
      '[{"type": "track", "event": "X", "userId": "u"}, {"type": "nope", "userId": "u"}]',
      {},
      context,
    );
    expect(some.status).toBe("mapped");
    expect(some.rows).toHaveLength(1);
    expect(some.error).toMatch(/^1 of 2 events refused: #1: type must be one of/);
    expect(some.rejections).toEqual([expect.objectContaining({ batchIndex: 1 })]);
  });

  it("refuses more than 1,000 events from one delivery", async () => {
    const mapped = await mapDelivery('[1..1001].{"type": "track", "event": "E", "userId": "u"}', {}, context);
    expect(mapped).toMatchObject({ status: "mapping_failed", error: expect.stringMatching(/1001 events/) });
  });
});
