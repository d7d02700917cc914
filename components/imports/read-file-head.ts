import { parse } from "csv-parse/browser/esm/sync";
import type { ImportFormat, ImportMapping } from "@/server/imports/schema";
import { fileSignature } from "./file-signature";

type Delimiter = ImportMapping["delimiter"];

export interface FileHead {
  format: ImportFormat;
  delimiter: Delimiter;
  /** CSV: the header's column names; NDJSON: the keys seen in the first lines (nested ones as a.b). */
  columns: string[];
  /** The first rows, by column. */
  sample: Record<string, unknown>[];
  /** Why the head could not be read (the user can still pick another file or format). */
  problem: string | null;
  /** The text encoding read from the byte order mark (UTF-16 is converted as it is imported). */
  encoding: "utf-8" | "utf-16le" | "utf-16be" | null;
}

const HEAD_BYTES = 64 * 1024;
const DELIMITERS: Delimiter[] = [",", ";", "\t", "|"];

export const guessFormat = (file: File): ImportFormat => (/\.(ndjson|jsonl|json)$/i.test(file.name) ? "ndjson" : "csv");

/** The delimiter that splits the header line into the most fields (outside quotes). */
function sniffDelimiter(firstLine: string): Delimiter {
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  let best: Delimiter = ",";
  for (const d of DELIMITERS) if (unquoted.split(d).length > unquoted.split(best).length) best = d;
  return best;
}

function ndjsonKeys(rows: Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row)) {
      keys.add(key);
      if (value && typeof value === "object" && !Array.isArray(value))
        for (const inner of Object.keys(value)) keys.add(`${key}.${inner}`);
    }
  }
  return [...keys];
}

/**
 * Reads the first 64 KB of a file in the browser (never the whole file) to offer its columns for the
 * mapping: the CSV header (delimiter guessed from it) or the keys of the first NDJSON lines. A binary file
 * or one in an encoding the import cannot read is named as the problem; UTF-16 is decoded.
 */
export async function readFileHead(file: File, format: ImportFormat = guessFormat(file)): Promise<FileHead> {
  const bytes = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const signature = fileSignature(bytes);
  const empty = {
    format,
    delimiter: "," as Delimiter,
    columns: [],
    sample: [],
    encoding: signature.ok ? signature.encoding : null,
  };
  // The server refuses the same files with the same words (binary, UTF-32): say so before the upload.
  if (!signature.ok) return { ...empty, problem: signature.problem };
  let text = new TextDecoder(signature.encoding).decode(bytes); // drops the byte order mark
  if (file.size > HEAD_BYTES && text.lastIndexOf("\n") > 0) text = text.slice(0, text.lastIndexOf("\n"));
  if (text.trim() === "") return { ...empty, problem: "The file is empty." };

  if (format === "ndjson") {
    const rows: Record<string, unknown>[] = [];
    for (const line of text.split("\n").slice(0, 200)) {
      try {
        const value: unknown = JSON.parse(line);
        if (value && typeof value === "object" && !Array.isArray(value)) rows.push(value as Record<string, unknown>);
      } catch {
        // a bad line is reported by the import itself, with its line number
      }
    }
    if (rows.length === 0)
      return {
        ...empty,
        problem: "No JSON object found in the first lines: is this NDJSON (one JSON object per line)?",
      };
    return { ...empty, columns: ndjsonKeys(rows), sample: rows.slice(0, 5), problem: null };
  }

  const delimiter = sniffDelimiter(text.split("\n")[0]);
  try {
    const records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      to: 6,
    }) as string[][];
    const [header = [], ...rows] = records;
    const columns = header.map((name, i) => name.trim() || `column_${i + 1}`);
    return {
      ...empty,
      delimiter,
      columns,
      sample: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? ""]))),
      problem: null,
    };
  } catch (error) {
    return {
      ...empty,
      delimiter,
      problem: `The first lines cannot be read as CSV: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

const GUESSES = {
  userIdColumn: /^(user[_ ]?id|userid|customer[_ ]?id|external[_ ]?id|id|user\.id)$/i,
  emailColumn: /e-?mail/i,
  timestampColumn: /^(timestamp|time|ts|date|datetime|created[_ ]?at|occurred[_ ]?at|sent[_ ]?at|at)$/i,
  eventColumn: /^(event|event[_ ]?name|action|activity)$/i,
} as const;

/** Columns whose names suggest what they hold (the user confirms or changes each). */
export function guessColumns(columns: string[]): Partial<Record<keyof typeof GUESSES, string>> {
  const guesses: Partial<Record<keyof typeof GUESSES, string>> = {};
  for (const [role, pattern] of Object.entries(GUESSES) as [keyof typeof GUESSES, RegExp][]) {
    const match = columns.find((c) => pattern.test(c));
    if (match) guesses[role] = match;
  }
  return guesses;
}
