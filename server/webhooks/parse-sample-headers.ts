/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export type ParsedSampleHeaders = { ok: true; headers: [string, string][] } | { ok: false; error: string };

const quoted = (line: string) => JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);

/**
 * Reads the console's "Sample headers" text: one `Name: value` per line, blank lines ignored. The first
 * line that is not a header is reported by its number (counting from 1, blank lines included).
 */
export function parseSampleHeaders(text: string): ParsedSampleHeaders {
  const headers: [string, string][] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const colon = line.indexOf(":");
    const name = colon === -1 ? "" : line.slice(0, colon).trim();
    if (!HEADER_NAME.test(name))
      return { ok: false, error: `line ${index + 1} (${quoted(line)}) is not a "Name: value" header` };
    headers.push([name, line.slice(colon + 1).trim()]);
  }
  return { ok: true, headers };
}
