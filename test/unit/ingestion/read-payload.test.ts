import { deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { basicAuthKey } from "@/server/ingestion/authenticate-source";
import { readPayload } from "@/server/ingestion/read-payload";
import type { TrackingCall } from "@/server/ingestion/tracking-call";

/** A call whose body arrives in chunks; records how many bytes the reader pulled before it stopped. */
function call(body: Buffer, headers: Record<string, string> = {}, chunkSize = 16 * 1024) {
  const pulled = { bytes: 0 };
  const tracking: TrackingCall = {
    method: "POST",
    path: "/v1/batch",
    header: (name) => headers[name] ?? null,
    readBody: async (maxBytes) => {
      for (let offset = 0; offset < body.length; offset += chunkSize) {
        pulled.bytes += Math.min(chunkSize, body.length - offset);
        if (pulled.bytes > maxBytes) return "too-large";
      }
      return body;
    },
  };
  return { tracking, pulled };
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe("readPayload", () => {
  it("parses JSON whatever the content type, plain or gzip or deflate (zlib or raw)", async () => {
    const value = { batch: [{ type: "track" }] };
    for (const [body, encoding] of [
      [json(value), undefined],
      [gzipSync(json(value)), "gzip"],
      [deflateSync(json(value)), "deflate"],
      [deflateRawSync(json(value)), "deflate"],
    ] as const) {
      const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
      if (encoding) headers["content-encoding"] = encoding;
      expect(await readPayload(call(body, headers).tracking)).toMatchObject({ ok: true, value });
    }
  });

  it("refuses a declared length over 500 KB without reading", async () => {
    const { tracking, pulled } = call(Buffer.alloc(10), { "content-length": String(500 * 1024 + 1) });
    expect(await readPayload(tracking)).toMatchObject({ ok: false, status: 400, code: "request_too_large" });
    expect(pulled.bytes).toBe(0);
  });

  it("stops reading an undeclared body as soon as it passes 500 KB", async () => {
    const { tracking, pulled } = call(Buffer.alloc(5 * 1024 * 1024, 32));
    expect(await readPayload(tracking)).toMatchObject({
      ok: false,
      code: "request_too_large",
      message: "request body is larger than the limit of 500 KB",
    });
    expect(pulled.bytes).toBeLessThanOrEqual(500 * 1024 + 16 * 1024);
  });

  it("counts the decompressed size too (gzip bomb), and takes exactly 500 KB", async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 32));
    expect(await readPayload(call(bomb, { "content-encoding": "gzip" }).tracking)).toMatchObject({
      code: "request_too_large",
      message: "decompressed request body is larger than the limit of 500 KB",
    });
    const exact = Buffer.concat([Buffer.from("["), Buffer.alloc(500 * 1024 - 2, 32), Buffer.from("]")]);
    expect(await readPayload(call(gzipSync(exact), { "content-encoding": "gzip" }).tracking)).toMatchObject({
      ok: true,
      value: [],
    });
  });

  it("names bad compression, unknown encodings, bad and empty JSON", async () => {
    expect(await readPayload(call(Buffer.from("nope"), { "content-encoding": "gzip" }).tracking)).toMatchObject({
      status: 400,
      code: "invalid_encoding",
    });
    expect(
      await readPayload(call(gzipSync(json({})).subarray(0, 10), { "content-encoding": "gzip" }).tracking),
    ).toMatchObject({ code: "invalid_encoding" });
    expect(await readPayload(call(json({}), { "content-encoding": "br" }).tracking)).toMatchObject({
      status: 415,
      code: "unsupported_encoding",
    });
    expect(await readPayload(call(Buffer.from("{'a':1}")).tracking)).toMatchObject({
      status: 400,
      code: "invalid_json",
      text: "{'a':1}",
    });
    expect(await readPayload(call(Buffer.alloc(0)).tracking)).toMatchObject({
      code: "invalid_json",
      message: "the request body is empty; expected JSON",
    });
  });
});

describe("basicAuthKey", () => {
  const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString("base64")}`;
  it("takes the user name as the write key (empty password), or the password when the user is empty", () => {
    expect(basicAuthKey(basic("wk_abc:"))).toBe("wk_abc");
    expect(basicAuthKey(basic("wk_abc"))).toBe("wk_abc");
    expect(basicAuthKey(basic(":wk_abc"))).toBe("wk_abc");
    expect(basicAuthKey(`basic   ${Buffer.from("wk_x:").toString("base64")}`)).toBe("wk_x");
  });
  it("ignores other schemes and empty credentials", () => {
    expect(basicAuthKey(null)).toBeNull();
    expect(basicAuthKey("Bearer wk_abc")).toBeNull();
    expect(basicAuthKey(basic(":"))).toBeNull();
  });
});
