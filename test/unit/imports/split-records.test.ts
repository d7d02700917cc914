import { describe, expect, it } from "vitest";
import { splitRecords, type RawRecord } from "@/server/imports/split-records";

async function split(
  text: string | Buffer,
  options: { quoted: boolean; delimiter?: string; maxRecordBytes?: number; chunk?: number },
) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const size = options.chunk ?? bytes.length;
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const records: RawRecord[] = [];
  let bytesSeen = 0;
  for await (const batch of splitRecords(chunks(), {
    quoted: options.quoted,
    delimiter: options.delimiter,
    maxRecordBytes: options.maxRecordBytes ?? 1 << 20,
  })) {
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
    expect(records[1]).toMatchObject({
      line: 2,
      problem: expect.stringMatching(/^the quote opened on line 2 is never closed/),
    });
  });
});

describe("quotes in CSV records", () => {
  it("reads a quote inside an unquoted field as a character, so it never swallows the lines after it", async () => {
    const { records } = await split('id,size\n1,5" screen\n2,7" screen\n3,"quoted, fine"\n', {
      quoted: true,
      delimiter: ",",
      chunk: 4,
    });
    expect(records.map((r) => [r.line, r.text])).toEqual([
      [1, "id,size"],
      [2, '1,5" screen'],
      [3, '2,7" screen'],
      [4, '3,"quoted, fine"'],
    ]);
  });

  it('keeps an escaped quote ("") inside a quoted field, even across chunks', async () => {
    for (const chunk of [1, 2, 3, 100]) {
      const { records } = await split('a,b\n1,"say ""hi""\nthere"\n2,x\n', { quoted: true, delimiter: ",", chunk });
      expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    }
  });

  it("reports an unclosed quote on the line where the unclosed field starts", async () => {
    const file = 'id,name\n1,a\n2,b\n3,c\n4,d\n5,"unclosed\n6,f\n7,g long\n8,h\n';
    const later = 'id,a,b\n1,"two\nlines","never closed\n2,x,y\n';
    for (const chunk of [1, 5, 1000]) {
      const { records } = await split(file, { quoted: true, delimiter: ",", chunk });
      expect(records.filter((r) => r.problem).map((r) => [r.line, r.problem])).toEqual([
        [6, expect.stringMatching(/^the quote opened on line 6 is never closed/)],
      ]);
      const second = await split(later, { quoted: true, delimiter: ",", chunk });
      expect(second.records.filter((r) => r.problem).map((r) => [r.line, r.problem])).toEqual([
        [2, expect.stringMatching(/^the quote opened on line 3 is never closed/)],
      ]);
    }
  });
});
