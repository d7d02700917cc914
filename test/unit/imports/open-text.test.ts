import { describe, expect, it } from "vitest";
import { openText, UnsupportedFileError } from "@/server/imports/open-text";

async function* chunks(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
async function readAll(source: AsyncIterable<Uint8Array>) {
  const parts: Buffer[] = [];
  for await (const c of source) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}
const SAMPLE = "id,name\nu1,Zoë 💥 Ådne\nu2,日本語\n".repeat(400); // past the 8 KB head, with surrogate pairs

describe("opening an upload as UTF-8 text", () => {
  it("converts UTF-16 LE and BE to UTF-8 as it streams, whatever the chunk boundaries (odd sizes split characters)", async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, "utf16le")]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SAMPLE, "utf16le").swap16()]);
    for (const [file, encoding] of [
      [le, "utf-16le"],
      [be, "utf-16be"],
    ] as const) {
      for (const size of [1, 3, 7, 4097, file.length]) {
        const opened = await openText(chunks(file, size));
        expect(opened.encoding).toBe(encoding);
        expect((await readAll(opened.chunks)).toString("utf8"), `${encoding} in chunks of ${size}`).toBe(SAMPLE);
        expect(opened.received()).toBe(file.length);
      }
    }
  });

  it("passes UTF-8 through byte for byte (the reader drops a BOM)", async () => {
    const file = Buffer.from(`\uFEFF${SAMPLE}`);
    const opened = await openText(chunks(file, 5));
    expect(opened.encoding).toBe("utf-8");
    expect((await readAll(opened.chunks)).equals(file)).toBe(true);
  });

  it("refuses a binary head before handing out any byte, and stops reading the source", async () => {
    let pulled = 0;
    let stopped = false;
    async function* png() {
      try {
        for (;;) {
          pulled++;
          yield Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(5000).fill(7)]);
        }
      } finally {
        stopped = true;
      }
    }
    await expect(openText(png())).rejects.toThrow(UnsupportedFileError);
    await expect(openText(png())).rejects.toThrow(/PNG image/);
    expect(stopped).toBe(true);
    expect(pulled).toBeLessThanOrEqual(4);
  });
});
