const QUOTE = 0x22;
const NEWLINE = 0x0a;
const CR = 0x0d;

export interface RawRecord {
  /** The record's text, its line break removed. */
  text: string;
  /** The line of the file the record starts on (1-based). */
  line: number;
  /** Set when the record could not be read whole: longer than the limit, or a quote never closed. */
  problem?: string;
}

export interface RecordBatch {
  records: RawRecord[];
  /** Bytes of the input consumed so far (through the last record of this batch). */
  bytes: number;
}

export interface SplitOptions {
  /** CSV: a line break inside double quotes belongs to the field, not the end of the record. */
  quoted: boolean;
  /**
   * CSV: the field delimiter. A quote opens a quoted field only at the start of a field (the record's start
   * or right after a delimiter), as parseCsvRecord reads it; a quote inside an unquoted field (5" screen) is
   * a character. Without it, every quote counts.
   */
  delimiter?: string;
  maxRecordBytes: number;
  /** The input's announced size: when it ends short of it, a last line without a line break was cut off. */
  expectedBytes?: number | null;
}

const asBuffer = (chunk: Uint8Array) =>
  Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);

/**
 * Splits a byte stream into records (lines; for CSV, lines outside quotes), one batch per input chunk,
 * holding no more than the unfinished record between chunks. It pulls the next chunk only when the caller
 * asks for the next batch, so a slow consumer slows the reading (backpressure). A record longer than
 * maxRecordBytes is reported with a problem and skipped up to the next line break. Blank lines are skipped
 * (but counted for line numbers); a leading UTF-8 byte order mark is dropped.
 */
export async function* splitRecords(
  chunks: AsyncIterable<Uint8Array>,
  options: SplitOptions,
): AsyncGenerator<RecordBatch> {
  let buf: Buffer = Buffer.alloc(0);
  let consumed = 0; // bytes dropped from the front of buf so far
  let start = 0; // where the current record starts in buf
  let pos = 0; // how far buf has been scanned
  let line = 1;
  let innerLines = 0; // line breaks inside the current (quoted) record
  let inQuotes = false;
  let quoteLine = 0; // the line where the open quoted field starts
  let lastClose = -2; // where the last closing quote was (a quote right after it is an escaped "")
  let skipping = false;
  const delimiter =
    options.delimiter !== undefined && Buffer.byteLength(options.delimiter) === 1
      ? Buffer.from(options.delimiter)[0]
      : null;
  const opensField = (at: number) =>
    delimiter === null || at === start || buf[at - 1] === delimiter || at === lastClose + 1;
  let first = true;

  const emit = (records: RawRecord[], end: number, problem?: string) => {
    const textEnd = end > start && buf[end - 1] === CR ? end - 1 : end;
    const text = buf.toString("utf8", start, textEnd);
    if (problem || text.trim() !== "") records.push(problem ? { text, line, problem } : { text, line });
  };

  for await (const chunk of chunks) {
    if (chunk.byteLength === 0) continue;
    if (start > 0) {
      consumed += start;
      pos -= start;
      lastClose -= start;
      buf = buf.subarray(start);
      start = 0;
    }
    buf = buf.length === 0 ? asBuffer(chunk) : Buffer.concat([buf, chunk]);
    if (first) {
      if (buf.length < 3) continue; // the byte order mark may arrive over several chunks
      first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = pos = 3;
    }

    const records: RawRecord[] = [];
    let nextQuote = -2; // -2: not searched in this buffer yet; -1: none left
    let nextNewline = -2;
    for (;;) {
      if (skipping) {
        const nl = buf.indexOf(NEWLINE, pos);
        if (nl < 0) {
          start = pos = buf.length;
          break;
        }
        skipping = false;
        line += 1;
        start = pos = nl + 1;
        continue;
      }
      if (nextNewline === -2 || (nextNewline >= 0 && nextNewline < pos)) nextNewline = buf.indexOf(NEWLINE, pos);
      if (options.quoted && (nextQuote === -2 || (nextQuote >= 0 && nextQuote < pos)))
        nextQuote = buf.indexOf(QUOTE, pos);
      if (options.quoted && nextQuote >= 0 && (nextNewline < 0 || nextQuote < nextNewline)) {
        if (inQuotes) {
          inQuotes = false;
          lastClose = nextQuote;
        } else if (opensField(nextQuote)) {
          inQuotes = true;
          quoteLine = line + innerLines;
        }
        pos = nextQuote + 1;
        continue;
      }
      if (nextNewline < 0) {
        pos = buf.length;
        break;
      }
      pos = nextNewline + 1;
      if (inQuotes) {
        innerLines += 1;
        continue;
      }
      emit(records, nextNewline);
      line += innerLines + 1;
      innerLines = 0;
      start = pos;
    }

    if (!skipping && buf.length - start > options.maxRecordBytes) {
      const end = Math.min(buf.length, start + 2_000);
      emit(
        records,
        end,
        `the record is longer than ${Math.round(options.maxRecordBytes / 1024)} KB${inQuotes ? ` (is the quote opened on line ${quoteLine} never closed?)` : ""}`,
      );
      line += innerLines;
      innerLines = 0;
      inQuotes = false;
      skipping = true;
      start = pos = buf.length;
    }
    if (records.length > 0) yield { records, bytes: consumed + start };
  }

  const records: RawRecord[] = [];
  const cutShort = options.expectedBytes != null && consumed + buf.length < options.expectedBytes;
  const problem = cutShort
    ? "the upload ended inside this row"
    : options.quoted && inQuotes
      ? `the quote opened on line ${quoteLine} is never closed (the rest of the file was read as that one field)`
      : undefined;
  if (!skipping && start < buf.length) emit(records, buf.length, problem);
  yield { records, bytes: consumed + buf.length };
}
