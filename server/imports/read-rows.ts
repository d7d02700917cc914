import { AppError } from "../errors";
import { parseJsonExact } from "../ingestion/parse-json-exact";
import { jsonDepthExceeds } from "./json-depth";
import { IMPORT_LIMITS } from "./limits";
import { parseCsvRecord } from "./parse-csv-record";
import type { ImportFormat } from "./schema";
import { splitRecords } from "./split-records";

export interface RowItem {
  /** The file's line the row starts on (1-based; for CSV the header is line 1). */
  rowNumber: number;
  /** The row as it is in the file (for the error report). */
  line: string;
  /** The row's values by column (CSV: text; NDJSON: the object's own values), or null when unreadable. */
  record: Record<string, unknown> | null;
  error: string | null;
}

export interface RowBatch {
  rows: RowItem[];
  bytes: number;
}

/** A problem with the whole file (its header, or the mapping against it): the import stops. */
export class ImportFileError extends AppError {
  constructor(message: string) {
    super("BAD_REQUEST", message);
  }
}

function csvHeader(text: string, delimiter: string): string[] {
  const parsed = parseCsvRecord(text, delimiter);
  if (!parsed.ok) throw new ImportFileError(`The header line cannot be read: ${parsed.error}`);
  const names = parsed.fields.map((name, i) => name.trim() || `column_${i + 1}`);
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new ImportFileError(`The header names the column "${name}" twice`);
    seen.add(name);
  }
  return names;
}

/** One NDJSON line as an object; integers beyond 2^53 keep every digit (as strings), as in the tracking API. */
function ndjsonRow(text: string): Pick<RowItem, "record" | "error"> {
  if (jsonDepthExceeds(text, IMPORT_LIMITS.maxJsonDepth))
    return {
      record: null,
      error: `the row nests objects or arrays more than ${IMPORT_LIMITS.maxJsonDepth} levels deep`,
    };
  let value: unknown;
  try {
    value = parseJsonExact(text);
  } catch (error) {
    return { record: null, error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { record: null, error: "the line is not a JSON object" };
  return { record: value as Record<string, unknown>, error: null };
}

/**
 * The rows of a CSV (first line = column names) or NDJSON file, streamed in batches. `onHeader` sees the
 * CSV's column names before any row and may refuse them by throwing an ImportFileError. A row that cannot
 * be read (wrong number of fields, a stray quote, bad JSON, too long) comes with its error.
 */
export async function* readRows(
  chunks: AsyncIterable<Uint8Array>,
  options: {
    format: ImportFormat;
    delimiter: string;
    expectedBytes: number | null;
    onHeader: (columns: string[]) => void;
  },
): AsyncGenerator<RowBatch> {
  const { format, delimiter, onHeader } = options;
  let header: string[] | null = null;
  const split = splitRecords(chunks, {
    quoted: format === "csv",
    delimiter,
    maxRecordBytes: IMPORT_LIMITS.maxRecordBytes,
    expectedBytes: options.expectedBytes,
  });
  for await (const batch of split) {
    const rows: RowItem[] = [];
    for (const record of batch.records) {
      const base = { rowNumber: record.line, line: record.text };
      if (record.problem) {
        if (format === "csv" && !header) throw new ImportFileError(`The header line cannot be read: ${record.problem}`);
        rows.push({ ...base, record: null, error: record.problem });
      } else if (format === "ndjson") {
        rows.push({ ...base, ...ndjsonRow(record.text) });
      } else if (!header) {
        header = csvHeader(record.text, delimiter);
        onHeader(header);
      } else {
        const parsed = parseCsvRecord(record.text, delimiter);
        if (!parsed.ok) rows.push({ ...base, record: null, error: parsed.error });
        else if (parsed.fields.length !== header.length)
          rows.push({
            ...base,
            record: null,
            error: `expected ${header.length} columns, found ${parsed.fields.length}`,
          });
        else {
          const values: Record<string, unknown> = Object.create(null);
          for (let i = 0; i < header.length; i++) values[header[i]] = parsed.fields[i];
          rows.push({ ...base, record: values, error: null });
        }
      }
    }
    yield { rows, bytes: batch.bytes };
  }
  if (format === "csv" && !header)
    throw new ImportFileError("The file is empty: a CSV file starts with a line of column names");
}
