import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { uuidv7 } from "@/db/ids";
import { normalizeMessage } from "@/server/ingestion/normalize-message";
import { sampleEvent } from "./bench-payloads";

/**
 * The database's own limit for these rows: the same events (normalized exactly as ingestion does) written into
 * the same table by a plain script, without HTTP or our server — COPY … FROM STDIN, two streams at once (like
 * the server's writer), each one long COPY fed for the whole run (short COPYs through postgres.js stall
 * ~40 ms each on this machine, which would understate the limit).
 */
const COLUMNS =
  "workspace_id, id, source_id, message_id, type, event, user_id, anonymous_id, group_id, previous_id, timestamp, original_timestamp, sent_at, received_at, raw";
const STREAMS = 2;
const ROWS_PER_CHUNK = 500;

const copyField = (value: string | null) =>
  value === null
    ? "\\N"
    : value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");

/** One COPY line per event, cut around the row id and the two places of the messageId (column and raw). */
function lineTemplate(workspaceId: string, sourceId: string): [string, string, string, string] {
  const normalized = normalizeMessage(sampleEvent("@@ID@@", 1), {
    receivedAt: new Date(),
    batchSentAt: "2026-05-01T10:00:01.000Z",
  });
  if (!normalized.ok) throw new Error(normalized.reason);
  const r = normalized.row;
  const fields = [
    workspaceId,
    "@@UUID@@",
    sourceId,
    r.messageId,
    r.type,
    r.event,
    r.userId,
    r.anonymousId,
    r.groupId,
    r.previousId,
    r.timestamp,
    r.originalTimestamp,
    r.sentAt,
    r.receivedAt,
    r.raw,
  ];
  const parts = `${fields.map(copyField).join("\t")}\n`.split(/@@UUID@@|@@ID@@/);
  if (parts.length !== 4) throw new Error("unexpected COPY line template");
  return parts as [string, string, string, string];
}

/** Rows per second that COPY writes, measured over `seconds`, and the rows it wrote. */
export async function copyRate(
  url: string,
  workspaceId: string,
  sourceId: string,
  seconds: number,
): Promise<{ rowsPerSecond: number; rows: number }> {
  const sql = postgres(url, { max: STREAMS, onnotice: () => {} });
  const [head, afterUuid, afterMessageId, tail] = lineTemplate(workspaceId, sourceId);
  const run = randomBytes(4).toString("hex");
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let rows = 0;
  try {
    await Promise.all(
      Array.from({ length: STREAMS }, async (_, stream) => {
        let counter = 0;
        const chunks = Readable.from(
          (function* () {
            while (performance.now() < deadline) {
              let text = "";
              for (let i = 0; i < ROWS_PER_CHUNK; i++) {
                const id = `copy-${run}-${stream}-${counter++}`;
                text += head + uuidv7() + afterUuid + id + afterMessageId + id + tail;
              }
              yield text;
            }
          })(),
        );
        await pipeline(chunks, await sql.unsafe(`COPY events (${COLUMNS}) FROM STDIN`).writable());
        rows += counter;
      }),
    );
    return { rowsPerSecond: rows / ((performance.now() - started) / 1000), rows };
  } finally {
    await sql.end();
  }
}
