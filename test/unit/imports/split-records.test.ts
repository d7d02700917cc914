import { describe, expect, it } from "vitest";
import { splitRecords, type RawRecord } from "@/server/imports/split-records";

async function split(text: string | Buffer, options: { quoted: boolean; maxRecordBytes?: number; chunk?: number }) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const size = options.chunk ?? bytes.length;
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const records: RawRecord[] = [];
  let bytesSeen = 0;
  for await (const batch of splitRecords(chunks(), { quoted: options.quoted, maxRecordBytes: options.maxRecordBytes ?? 1 << 20 })) {
    records.push(...batch.records);
    expect(batch.bytes).toBeGreaterThanOrEqual(bytesSeen);
    bytesSeen = batch.bytes;
  }
  return { records, bytes: bytesSeen };
}

describe("splitting a stream into records", () => {
  it("numbers lines from 1, skips blank lines, strips CR and a BOM, keeps a last line without a break", async () => {
    const { records, bytes } = await split("\uFEFFa\r\nb\n\n  \nc", { quoted: false, chunk: 2 });
    expect(records).toEqual([
      { text: "a", line: 1 },
      { text: "b", line: 2 },
      { text: "c", line: 5 },
    ]);
    expect(bytes).toBe(Buffer.byteLength("\uFEFFa\r\nb\n\n  \nc"));
  });

  it("keeps a quoted line break inside the record (CSV) and counts the lines it spans", async () => {
    const { records } = await split('h1,h2\n"two\nlines",x\nnext,y\n', { quoted: true, chunk: 3 });
    expect(records).toEqual([
      { text: "h1,h2", line: 1 },
      { text: '"two\nlines",x', line: 2 },
      { text: "next,y", line: 4 },
    ]);
  });

  it("never splits a multi-byte character across chunks", async () => {
    const { records } = await split("héllo,wörld\n💥,ok\n", { quoted: true, chunk: 1 });
    expect(records.map((r) => r.text)).toEqual(["héllo,wörld", "💥,ok"]);
  });

  it("reports an over-long record and goes on after the next line break", async () => {
    const long = "x".repeat(5_000);
    const { records } = await split(`short\n${long}\nafter\n`, { quoted: false, maxRecordBytes: 1_000, chunk: 512 });
    expect(records.map((r) => [r.line, r.problem ?? r.text])).toEqual([
      [1, "short"],
      [2, "the record is longer than 1 KB"],
      [3, "after"],
    ]);
  });

  it("reports a quote that is never closed at the end of the file", async () => {
    const { records } = await split('a,b\n1,"open\n2,3\n', { quoted: true });
    expect(records[1]).toMatchObject({ line: 2, problem: "a quote is opened and never closed" });
  });
});
