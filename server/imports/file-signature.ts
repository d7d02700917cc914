/**
 * What the first bytes of an uploaded file say about it: a text encoding we read (by its byte order mark),
 * or why the file is refused. Binary files are recognised by a NUL byte in the head (no CSV or NDJSON text in
 * UTF-8 has one) or by the magic number of a common format, so a PNG or a spreadsheet is never read as rows.
 *
 * A small check rather than the isbinaryfile package: the console runs the very same rules on the file's
 * head in the browser (components/imports/read-file-head.ts), where a package that imports node:fs cannot
 * go, and both must agree; isbinaryfile would also accept UTF-16 without a byte order mark, which this
 * reader cannot decode. Keep the two copies identical (a unit test compares them).
 */
export type FileSignature =
  { ok: true; encoding: "utf-8" | "utf-16le" | "utf-16be"; bomBytes: number } | { ok: false; problem: string };

/** Bytes of the head that are examined; fewer when the file is shorter. */
export const SIGNATURE_BYTES = 8 * 1024;

const MAGIC: [string, number[]][] = [
  ["a PNG image", [0x89, 0x50, 0x4e, 0x47]],
  ["a JPEG image", [0xff, 0xd8, 0xff]],
  ["a GIF image", [0x47, 0x49, 0x46, 0x38]],
  ["a PDF document", [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ["a ZIP archive (or an Excel .xlsx workbook)", [0x50, 0x4b, 0x03, 0x04]],
  ["a gzip archive", [0x1f, 0x8b]],
  ["an old Excel .xls (or other Office) file", [0xd0, 0xcf, 0x11, 0xe0]],
  ["an SQLite database", [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
  ["a Parquet file", [0x50, 0x41, 0x52, 0x31]],
  ["an executable", [0x7f, 0x45, 0x4c, 0x46]],
];

const startsWith = (head: Uint8Array, bytes: number[]) =>
  head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
const SAVE_AS = "save it as CSV or NDJSON text in UTF-8 and import that file";

export function fileSignature(head: Uint8Array): FileSignature {
  if (startsWith(head, [0x00, 0x00, 0xfe, 0xff]) || startsWith(head, [0xff, 0xfe, 0x00, 0x00])) {
    return {
      ok: false,
      problem:
        "The file is encoded as UTF-32, which is not supported; save it as UTF-8 (or UTF-16) and import it again.",
    };
  }
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return scanText(head, { ok: true, encoding: "utf-8", bomBytes: 3 });
  if (startsWith(head, [0xff, 0xfe])) return { ok: true, encoding: "utf-16le", bomBytes: 2 };
  if (startsWith(head, [0xfe, 0xff])) return { ok: true, encoding: "utf-16be", bomBytes: 2 };
  for (const [name, bytes] of MAGIC)
    if (startsWith(head, bytes))
      return { ok: false, problem: `The file is ${name}, not CSV or NDJSON text; ${SAVE_AS}.` };
  return scanText(head, { ok: true, encoding: "utf-8", bomBytes: 0 });
}

function scanText(head: Uint8Array, verdict: FileSignature): FileSignature {
  const nul = head.subarray(0, SIGNATURE_BYTES).indexOf(0);
  if (nul < 0) return verdict;
  return {
    ok: false,
    problem: `The file is not text: it has a NUL byte at byte ${nul + 1} (a binary file, or UTF-16 text without a byte order mark); ${SAVE_AS}.`,
  };
}
