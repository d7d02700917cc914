import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable, Transform } from "node:stream";
import { AppError } from "../errors";

/** The largest enrichment file taken (a vendor file of a few million rows). */
export const MAX_ENRICHMENT_BYTES = 512 * 1024 * 1024;

export interface SpooledFile {
  bytes: number;
  chunks(): AsyncIterable<Uint8Array>;
  remove(): Promise<void>;
}

/**
 * Receives an upload's body into a temporary file before it is applied: the client's upload is done in
 * seconds (the server's request deadline bounds receiving the body, not applying it), and applying then
 * reads the file at its own pace. Bodies over MAX_ENRICHMENT_BYTES are refused with PAYLOAD_TOO_LARGE.
 */
export async function spoolUpload(body: ReadableStream<Uint8Array>): Promise<SpooledFile> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "cdp-enrichment-"));
  const file = path.join(dir, "upload.csv");
  let bytes = 0;
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.byteLength;
        if (bytes > MAX_ENRICHMENT_BYTES)
          done(new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${MAX_ENRICHMENT_BYTES / 1024 / 1024} MB`));
        else done(null, chunk);
      },
    });
    await pipeline(
      Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>),
      count,
      createWriteStream(file),
    );
  } catch (error) {
    await remove();
    if (error instanceof AppError) throw error;
    throw new AppError("BAD_REQUEST", "The upload did not arrive whole (the connection closed); upload the file again");
  }
  return { bytes, chunks: () => createReadStream(file, { highWaterMark: 256 * 1024 }), remove };
}
