import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fileSignature as serverSignature } from "@/server/imports/file-signature";
import { fileSignature as consoleSignature } from "@/components/imports/file-signature";

const bytes = (...b: number[]) => Uint8Array.from(b);
const text = (s: string) => new TextEncoder().encode(s);
const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52);

const HEADS: [string, Uint8Array][] = [
  ["plain UTF-8", text("id,email\nu1,a@b.c\n")],
  ["UTF-8 with BOM", Uint8Array.from([0xef, 0xbb, 0xbf, ...text("id\n1\n")])],
  ["UTF-16 LE", Uint8Array.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id\n1\n", "utf16le")]))],
  [
    "UTF-16 BE",
    Uint8Array.from(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("id\n1\n", "utf16le").swap16()])),
  ],
  ["UTF-16 LE without BOM", Uint8Array.from(Buffer.from("id\n1\n", "utf16le"))],
  ["UTF-32 BE", bytes(0, 0, 0xfe, 0xff, 0, 0, 0, 0x69)],
  ["UTF-32 LE", bytes(0xff, 0xfe, 0, 0, 0x69, 0, 0, 0)],
  ["PNG", PNG],
  ["xlsx", bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0)],
  ["gzip", bytes(0x1f, 0x8b, 0x08, 0)],
  ["PDF", text("%PDF-1.7\n")],
  ["NUL late in the head", Uint8Array.from([...text("a,b\n".repeat(100)), 0, ...text("x\n")])],
  ["empty", bytes()],
];

describe("reading what a file is from its first bytes", () => {
  it("reads UTF-8 (with or without BOM) and UTF-16 by its byte order mark", () => {
    expect(serverSignature(HEADS[0][1])).toEqual({ ok: true, encoding: "utf-8", bomBytes: 0 });
    expect(serverSignature(HEADS[1][1])).toEqual({ ok: true, encoding: "utf-8", bomBytes: 3 });
    expect(serverSignature(HEADS[2][1])).toEqual({ ok: true, encoding: "utf-16le", bomBytes: 2 });
    expect(serverSignature(HEADS[3][1])).toEqual({ ok: true, encoding: "utf-16be", bomBytes: 2 });
    expect(serverSignature(HEADS[12][1])).toMatchObject({ ok: true });
  });

  it("refuses UTF-32, binary formats by their magic number, and NUL bytes, naming the problem", () => {
    const problem = (head: Uint8Array) => {
      const verdict = serverSignature(head);
      return verdict.ok ? null : verdict.problem;
    };
    expect(problem(HEADS[5][1])).toMatch(/UTF-32, which is not supported/);
    expect(problem(HEADS[6][1])).toMatch(/UTF-32/);
    expect(problem(PNG)).toMatch(/^The file is a PNG image, not CSV or NDJSON text/);
    expect(problem(HEADS[8][1])).toMatch(/ZIP archive \(or an Excel \.xlsx workbook\)/);
    expect(problem(HEADS[9][1])).toMatch(/gzip/);
    expect(problem(HEADS[10][1])).toMatch(/PDF/);
    expect(problem(HEADS[4][1])).toMatch(/NUL byte at byte 2 .*UTF-16 text without a byte order mark/);
    expect(problem(HEADS[11][1])).toMatch(/NUL byte at byte 401/);
  });

  it("the console's copy judges every head exactly as the server does, and is the same code", () => {
    for (const [name, head] of HEADS) expect(consoleSignature(head), name).toEqual(serverSignature(head));
    const code = (file: string) => readFileSync(file, "utf8").replace(/^\/\*\*[\s\S]*?\*\/\n/m, "");
    expect(code("components/imports/file-signature.ts")).toBe(code("server/imports/file-signature.ts"));
  });
});
