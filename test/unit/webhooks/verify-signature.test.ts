import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateSigningSecret, signingKey } from "@/server/webhooks/signing-secret";
import { signPayload, verifySignature } from "@/server/webhooks/verify-signature";

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const body = Buffer.from('{"type":"invoice.paid","id":"in_1"}');
const now = new Date("2024-05-01T12:00:00Z");
const ts = Math.floor(now.getTime() / 1000);

function headers(values: Record<string, string>) {
  return new Headers(values);
}
const signed = (over: Partial<{ id: string; timestamp: number; signature: string }> = {}) => {
  const id = over.id ?? "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W";
  const timestamp = over.timestamp ?? ts;
  return headers({
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": over.signature ?? signPayload(secret, id, timestamp, body),
  });
};

describe("Standard Webhooks signatures", () => {
  it("signs like the specification: base64 HMAC-SHA256 of id.timestamp.body with the decoded whsec_ key", () => {
    const expected = createHmac("sha256", Buffer.from("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "base64"))
      .update(`msg_1.${ts}.${body}`)
      .digest("base64");
    expect(signPayload(secret, "msg_1", ts, body)).toBe(`v1,${expected}`);
  });

  it("accepts a valid signature, also among several (key rotation) and under svix-* names", () => {
    expect(verifySignature(signed(), body, secret, now)).toEqual({ ok: true });
    const good = signPayload(secret, "msg_9", ts, body);
    expect(verifySignature(signed({ id: "msg_9", signature: `v1,AAAA v2,xyz ${good}` }), body, secret, now)).toEqual({
      ok: true,
    });
    const svix = headers({ "svix-id": "msg_9", "svix-timestamp": String(ts), "svix-signature": good });
    expect(verifySignature(svix, body, secret, now)).toEqual({ ok: true });
  });

  it("refuses a signature made with another secret", () => {
    const other = generateSigningSecret();
    const result = verifySignature(
      signed({ signature: signPayload(other, "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", ts, body) }),
      body,
      secret,
      now,
    );
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/no signature .* matches/) });
  });

  it("refuses a tampered body", () => {
    const result = verifySignature(signed(), Buffer.from('{"type":"invoice.paid","id":"in_2"}'), secret, now);
    expect(result.ok).toBe(false);
  });

  it("refuses a timestamp more than 5 minutes off, either way, and accepts one just inside", () => {
    expect(verifySignature(signed({ timestamp: ts - 301 }), body, secret, now)).toEqual({
      ok: false,
      reason: expect.stringMatching(/301 s old/),
    });
    expect(verifySignature(signed({ timestamp: ts + 301 }), body, secret, now)).toEqual({
      ok: false,
      reason: expect.stringMatching(/301 s in the future/),
    });
    expect(verifySignature(signed({ timestamp: ts - 300 }), body, secret, now)).toEqual({ ok: true });
    expect(verifySignature(signed({ timestamp: ts + 300 }), body, secret, now)).toEqual({ ok: true });
  });

  it("names the missing headers", () => {
    expect(verifySignature(headers({}), body, secret, now)).toEqual({
      ok: false,
      reason: "missing signature headers: webhook-id, webhook-timestamp, webhook-signature",
    });
    const noSig = headers({ "webhook-id": "x", "webhook-timestamp": String(ts) });
    expect(verifySignature(noSig, body, secret, now)).toEqual({
      ok: false,
      reason: "missing signature header: webhook-signature",
    });
  });

  it("refuses malformed timestamps and signatures without a v1 entry", () => {
    expect(verifySignature(signed({ signature: "v2,abc" }), body, secret, now)).toEqual({
      ok: false,
      reason: expect.stringMatching(/no v1 signature/),
    });
    const bad = headers({ "webhook-id": "x", "webhook-timestamp": "2024-05-01", "webhook-signature": "v1,abc" });
    expect(verifySignature(bad, body, secret, now)).toEqual({
      ok: false,
      reason: expect.stringMatching(/whole seconds/),
    });
  });

  it("generates whsec_ secrets of 32 random bytes", () => {
    const a = generateSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(signingKey(a)).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(a);
  });
});
