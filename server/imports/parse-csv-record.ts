export type CsvFields = { ok: true; fields: string[] } | { ok: false; error: string };

/**
 * The fields of one CSV record (RFC 4180): fields split by the delimiter; a field that starts with a double
 * quote runs to the closing quote, with "" standing for one quote and delimiters and line breaks taken
 * literally. A quote inside an unquoted field is kept as it is (lenient, like csv-parse's relax_quotes).
 * Text after a closing quote, or a quote never closed, is an error for this record only.
 */
export function parseCsvRecord(text: string, delimiter: string): CsvFields {
  if (!text.includes('"')) return { ok: true, fields: text.split(delimiter) };
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = "";
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) return { ok: false, error: `a quote opened in field ${fields.length + 1} is never closed` };
        value += text.slice(from, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      fields.push(value);
      if (i === text.length) return { ok: true, fields };
      if (!text.startsWith(delimiter, i))
        return { ok: false, error: `unexpected text after the closing quote of field ${fields.length}` };
      i += delimiter.length;
      continue;
    }
    const next = text.indexOf(delimiter, i);
    if (next < 0) {
      fields.push(text.slice(i));
      return { ok: true, fields };
    }
    fields.push(text.slice(i, next));
    i = next + delimiter.length;
  }
}
