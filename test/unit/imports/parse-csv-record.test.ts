import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseCsvRecord } from "@/server/imports/parse-csv-record";
import { splitRecords } from "@/server/imports/split-records";

/** RFC 4180 writing: quote a field when it holds a delimiter, a quote or a line break. */
const writeField = (field: string, delimiter: string) =>
  /["\r\n]/.test(field) || field.includes(delimiter) || field === "" ? `"${field.replaceAll('"', '""')}"` : field;

async function ours(text: string, delimiter: string, chunkSize: number): Promise<string[][]> {
  const bytes = Buffer.from(text);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const rows: string[][] = [];
  for await (const batch of splitRecords(chunks(), { quoted: true, delimiter, maxRecordBytes: 1 << 20 })) {
    for (const record of batch.records) {
      const parsed = parseCsvRecord(record.text, delimiter);
      if (!parsed.ok) throw new Error(parsed.error);
      rows.push(parsed.fields);
    }
  }
  return rows;
}

describe("CSV records", () => {
  it("splits plain, quoted and escaped fields", () => {
    expect(parseCsvRecord("a,b,,c", ",")).toEqual({ ok: true, fields: ["a", "b", "", "c"] });
    expect(parseCsvRecord('"a,1","say ""hi""",x', ",")).toEqual({ ok: true, fields: ["a,1", 'say "hi"', "x"] });
    expect(parseCsvRecord('"multi\nline";2', ";")).toEqual({ ok: true, fields: ["multi\nline", "2"] });
    expect(parseCsvRecord("a,", ",")).toEqual({ ok: true, fields: ["a", ""] });
    expect(parseCsvRecord('5" screen,x', ",")).toEqual({ ok: true, fields: ['5" screen', "x"] });
  });

  it("reports text after a closing quote and an unclosed quote", () => {
    expect(parseCsvRecord('"bad"q,1', ",")).toEqual({
      ok: false,
      error: "unexpected text after the closing quote of field 1",
    });
    expect(parseCsvRecord('1,"open', ",")).toEqual({ ok: false, error: "a quote opened in field 2 is never closed" });
  });

  it("agrees with csv-parse on any table, whatever the chunk boundaries (property)", async () => {
    const cell = fc.oneof(
      fc.string(),
      fc.constantFrom(",", ";", '"', "\n", "\r\n", "é", "💥", " a "),
      fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "x") }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 4 })
          .chain((width) =>
            fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
          ),
        fc.constantFrom(",", ";", "\t"),
        fc.integer({ min: 1, max: 17 }),
        async (table, delimiter, chunkSize) => {
          // A lone blank field is a blank line, which our reader skips (csv-parse keeps "  " as a record).
          const rows = table.filter((r) => !(r.length === 1 && r[0].trim() === ""));
          const text = rows.map((r) => r.map((f) => writeField(f, delimiter)).join(delimiter)).join("\r\n");
          const reference = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
          expect(await ours(text, delimiter, chunkSize)).toEqual(reference);
        },
      ),
      { numRuns: 500 },
    );
  });
});
