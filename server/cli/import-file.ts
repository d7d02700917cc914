import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { z } from "zod";
import { AppError } from "../errors";
import { runImport, type ImportSummary } from "../imports/run-import";
import { startImportSchema } from "../imports/schema";
import { sourceWorkspace } from "../imports/source-workspace";
import { cliActor } from "../scope";
import { defineCommand } from "./command";

const list = (text: string | undefined) =>
  text
    ?.split(",")
    .map((c) => c.trim())
    .filter(Boolean);
const DELIMITERS: Record<string, string> = { comma: ",", semicolon: ";", tab: "\t", pipe: "|" };
const PROGRESS_EVERY_MS = 1_000;
/** Reads of 64 KB: small enough that progress moves on a file of a few hundred KB, large enough to be cheap. */
const READ_BYTES = 64 * 1024;

/** A file's chunks, counting the bytes read so far. */
function countingBytes(stream: AsyncIterable<Uint8Array>) {
  let read = 0;
  async function* chunks() {
    for await (const chunk of stream) {
      read += chunk.byteLength;
      yield chunk;
    }
  }
  return { chunks: chunks(), read: () => read };
}

const flags = z.object({
  source: z.string().min(1),
  file: z.string().min(1),
  format: z.enum(["csv", "ndjson"], { error: "must be csv or ndjson" }),
  mode: z.enum(["identify", "track"], { error: "must be identify or track" }),
  event: z.string().optional(),
  "event-column": z.string().optional(),
  "user-id-column": z.string().optional(),
  "email-column": z.string().optional(),
  "timestamp-column": z.string().optional(),
  "message-id-column": z.string().optional(),
  columns: z.string().optional(),
  delimiter: z.string().optional(),
  "no-coerce": z.literal(true).optional(),
});

const describe = (s: ImportSummary) =>
  `${s.rowsImported} imported, ${s.rowsDuplicate} already there, ${s.rowsFailed} failed`;

export const importFile = defineCommand({
  name: "import",
  summary: "Import a CSV or NDJSON file into a file source (streamed; rows already imported are skipped)",
  usage:
    "--source ID --file PATH --format csv|ndjson --mode identify|track [--event NAME | --event-column C] [--user-id-column C] [--email-column C] [--timestamp-column C] [--message-id-column C] [--columns a,b,c] [--delimiter comma|semicolon|tab|pipe] [--no-coerce]",
  flags,
  async run(db, f) {
    const input = startImportSchema.safeParse({
      sourceId: f.source,
      fileName: f.file.split(/[\\/]/).pop(),
      format: f.format,
      mapping: {
        mode: f.mode,
        eventName: f.event,
        eventColumn: f["event-column"],
        userIdColumn: f["user-id-column"],
        emailColumn: f["email-column"],
        timestampColumn: f["timestamp-column"],
        messageIdColumn: f["message-id-column"],
        columns: list(f.columns),
        coerce: !f["no-coerce"],
        delimiter: f.delimiter ? (DELIMITERS[f.delimiter] ?? f.delimiter) : undefined,
      },
    });
    if (!input.success)
      throw new AppError(
        "BAD_REQUEST",
        input.error.issues.map((i) => `${String(i.path.slice(-1)[0] ?? "flags")}: ${i.message}`).join("; "),
      );
    const size = await stat(f.file).then(
      (s) => s.size,
      () => {
        throw new AppError("NOT_FOUND", `--file: cannot read "${f.file}"`);
      },
    );

    const workspaceId = await sourceWorkspace(db, input.data.sourceId);
    let last = Date.now();
    const file = countingBytes(createReadStream(f.file, { highWaterMark: READ_BYTES }));
    const summary = await runImport({ db, workspaceId, role: "owner", actor: cliActor() }, input.data, file.chunks, {
      totalBytes: size,
      onProgress: (p) => {
        if (Date.now() - last < PROGRESS_EVERY_MS) return;
        last = Date.now();
        // Bytes read from the file: they advance with every read, where the parsed position moves a read at a time.
        const read = Math.min(file.read(), size);
        const percent = size > 0 ? Math.floor((100 * read) / size) : 100;
        process.stderr.write(
          `${percent}% (${read} of ${size} bytes): ${p.rowsImported} imported, ${p.rowsDuplicate} already there, ${p.rowsFailed} failed\n`,
        );
      },
    });
    if (summary.status === "failed")
      throw new AppError("BAD_REQUEST", `Import ${summary.importId} failed: ${summary.error} (${describe(summary)})`);
    return {
      json: { ...summary },
      text: `Imported ${input.data.fileName} (${summary.importId}): ${describe(summary)}${summary.rowsFailed > 0 ? "\nRow errors: see the import in the console, or download its error report" : ""}`,
    };
  },
});
