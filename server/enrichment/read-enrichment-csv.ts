import { openText } from "../imports/open-text";
import { readRows, type RowBatch } from "../imports/read-rows";
import type { CSV_DELIMITERS } from "../imports/schema";
import type { SourceRow } from "./run-enrichment";

/**
 * A CSV byte stream as its column names and batches of rows, with the import's readers: the file's head is
 * checked (binary files and UTF-32 refused, UTF-16 converted), records are split streaming (quoted line
 * breaks, over-long records reported), and the header is read before anything is applied. A row that cannot
 * be read (a stray quote, the wrong number of fields) comes with its reason.
 */
export async function readEnrichmentCsv(
  body: AsyncIterable<Uint8Array>,
  delimiter: (typeof CSV_DELIMITERS)[number],
  expectedBytes: number | null,
): Promise<{ columns: string[]; batches: AsyncIterable<SourceRow[]> }> {
  const text = await openText(body);
  let columns: string[] = [];
  const reader = readRows(text.chunks, {
    format: "csv",
    delimiter,
    expectedBytes: text.encoding === "utf-8" ? expectedBytes : null,
    onHeader: (header) => {
      columns = header;
    },
  });
  // The first batch comes after the header: the mapping is checked against the columns before any row.
  const first = await reader.next();
  const toRows = (batch: RowBatch | undefined): SourceRow[] =>
    (batch?.rows ?? []).map((r) => ({
      rowNumber: r.rowNumber,
      record: r.record,
      cells: r.record ? columns.map((c) => String(r.record![c] ?? "")) : null,
      line: r.line,
      error: r.error,
    }));
  async function* batches(): AsyncGenerator<SourceRow[]> {
    if (first.done) return;
    yield toRows(first.value);
    for await (const batch of { [Symbol.asyncIterator]: () => reader }) yield toRows(batch);
  }
  return { columns, batches: batches() };
}
