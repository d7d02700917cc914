import { AppError } from "../errors";
import { fileSignature, SIGNATURE_BYTES } from "./file-signature";

/** The file is not text this import can read (binary, or an unsupported encoding): refused before it starts. */
export class UnsupportedFileError extends AppError {
  constructor(message: string) {
    super("UNPROCESSABLE_CONTENT", message);
    this.name = "UnsupportedFileError";
  }
}

export interface OpenedText {
  encoding: "utf-8" | "utf-16le" | "utf-16be";
  /** The file as UTF-8 bytes: UTF-8 passes through as it is (the reader drops its BOM), UTF-16 is converted. */
  chunks: AsyncIterable<Uint8Array>;
  /** Bytes of the file (as sent, before any conversion) read so far. */
  received(): number;
}

/**
 * Reads the head of a byte stream (up to 8 KB) to learn its encoding from the byte order mark, refusing
 * binary files and UTF-32 with an UnsupportedFileError, then hands out the whole stream as UTF-8. UTF-16 is
 * decoded as it streams (a character split across two chunks is joined, never replaced). Stopping early
 * stops the source too.
 */
export async function openText(source: AsyncIterable<Uint8Array>): Promise<OpenedText> {
  const iterator = source[Symbol.asyncIterator]();
  let received = 0;
  let ended = false;
  const head: Uint8Array[] = [];
  let headBytes = 0;
  // A read that fails within the head is raised where the reader meets it, after the bytes before it.
  let failed: { error: unknown } | null = null;
  while (headBytes < SIGNATURE_BYTES) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await iterator.next();
    } catch (error) {
      failed = { error };
      ended = true;
      break;
    }
    if (next.done) {
      ended = true;
      break;
    }
    received += next.value.byteLength;
    headBytes += next.value.byteLength;
    head.push(next.value);
  }
  const joined = Buffer.concat(head);
  const signature = fileSignature(joined);
  if (!signature.ok) {
    if (!ended) await iterator.return?.();
    throw new UnsupportedFileError(signature.problem);
  }

  async function* raw(): AsyncGenerator<Uint8Array> {
    let done = ended;
    try {
      if (joined.byteLength > 0) yield joined;
      if (failed) throw failed.error;
      while (!done) {
        const next = await iterator.next();
        if (next.done) {
          done = true;
          break;
        }
        received += next.value.byteLength;
        yield next.value;
      }
    } finally {
      if (!done) await iterator.return?.();
    }
  }

  async function* utf16(encoding: "utf-16le" | "utf-16be"): AsyncGenerator<Uint8Array> {
    const decoder = new TextDecoder(encoding); // drops the byte order mark; stream: true keeps split characters
    for await (const chunk of raw()) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield Buffer.from(text, "utf8");
    }
    const rest = decoder.decode();
    if (rest) yield Buffer.from(rest, "utf8");
  }

  return {
    encoding: signature.encoding,
    chunks: signature.encoding === "utf-8" ? raw() : utf16(signature.encoding),
    received: () => received,
  };
}
