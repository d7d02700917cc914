"use client";

import { Button, Card, ProgressBar } from "@tremor/react";
import { useRef, useState } from "react";
import type { ImportFormat } from "@/server/imports/schema";
import { ErrorText } from "../ui/error-text";
import { ColumnMapping, draftToMapping, type MappingDraft } from "./column-mapping";
import { guessColumns, guessFormat, readFileHead, type FileHead } from "./read-file-head";
import { uploadFile, type UploadOutcome } from "./upload-file";

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

function initialDraft(head: FileHead): MappingDraft {
  const guess = guessColumns(head.columns);
  const used = new Set(Object.values(guess));
  return {
    mode: guess.eventColumn ? "track" : "identify",
    eventFrom: guess.eventColumn ? "column" : "fixed",
    eventName: "",
    eventColumn: guess.eventColumn ?? "",
    userIdColumn: guess.userIdColumn ?? "",
    emailColumn: guess.emailColumn ?? "",
    timestampColumn: guess.timestampColumn ?? "",
    messageIdColumn: "",
    columns: head.columns.filter((c) => !used.has(c)),
    coerce: true,
  };
}

/** Choose a file, map its columns (read from its first lines, in the browser), upload it with a progress bar. */
export function ImportForm({
  sourceId,
  onStarted,
  onFinished,
}: {
  sourceId: string;
  onStarted: () => void;
  onFinished: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [head, setHead] = useState<FileHead | null>(null);
  const [draft, setDraft] = useState<MappingDraft | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<UploadOutcome | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const abort = useRef<(() => void) | null>(null);

  async function choose(chosen: File | null, format?: ImportFormat) {
    setFile(chosen);
    setOutcome(null);
    setFailure(null);
    if (!chosen) return setHead(null);
    const read = await readFileHead(chosen, format ?? guessFormat(chosen));
    setHead(read);
    setDraft(initialDraft(read));
  }

  async function start() {
    if (!file || !head || !draft) return;
    const { mapping } = draftToMapping(draft, head.delimiter);
    if (!mapping) return;
    const query = new URLSearchParams({ fileName: file.name, format: head.format, mapping: JSON.stringify(mapping) });
    const upload = uploadFile(
      `/api/imports/${sourceId}?${query}`,
      file,
      head.format === "csv" ? "text/csv" : "application/x-ndjson",
      (loaded) => setSent(loaded),
    );
    abort.current = upload.abort;
    setSent(0);
    setOutcome(null);
    setFailure(null);
    onStarted();
    try {
      setOutcome(await upload.done);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      abort.current = null;
      setSent(null);
      onFinished();
    }
  }

  const check = head && draft ? draftToMapping(draft, head.delimiter) : null;
  const uploading = sent !== null;
  const result = outcome?.body.import;
  return (
    <Card>
      <h2 className="font-medium">Import a file</h2>
      <p className="mt-1 text-sm text-gray-500">
        CSV (first line: column names) or NDJSON (one JSON object per line), any size. Rows already imported into this
        source are skipped, so an updated or overlapping file adds only its new rows.
      </p>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <input
          aria-label="File to import"
          type="file"
          accept=".csv,.tsv,.txt,.ndjson,.jsonl,.json,text/csv"
          disabled={uploading}
          onChange={(e) => void choose(e.target.files?.[0] ?? null)}
          className="text-sm"
        />
        {file && head && (
          <select
            aria-label="File format"
            value={head.format}
            disabled={uploading}
            onChange={(e) => void choose(file, e.target.value as ImportFormat)}
            className="rounded-md border border-gray-300 bg-white px-2 py-1 text-sm"
          >
            <option value="csv">CSV</option>
            <option value="ndjson">NDJSON</option>
          </select>
        )}
        {file && <span className="text-sm text-gray-500">{megabytes(file.size)}</span>}
        {head?.encoding?.startsWith("utf-16") && (
          <span className="text-sm text-gray-500">UTF-16 text, read as such</span>
        )}
      </div>
      {head?.problem && <p className="mt-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">{head.problem}</p>}

      {head && draft && !head.problem && (
        <div className="mt-5 space-y-5">
          <div className="overflow-x-auto rounded border border-gray-200">
            <table className="min-w-full text-xs">
              <thead className="bg-gray-50 text-left text-gray-600">
                <tr>
                  {head.columns.map((c) => (
                    <th key={c} className="px-2 py-1 font-mono font-medium">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {head.sample.slice(0, 3).map((row, i) => (
                  <tr key={i} className="border-t border-gray-100">
                    {head.columns.map((c) => (
                      <td key={c} className="max-w-48 truncate px-2 py-1 font-mono text-gray-700">
                        {typeof row[c] === "object" ? JSON.stringify(row[c]) : String(row[c] ?? "")}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ColumnMapping draft={draft} columns={head.columns} onChange={setDraft} />
          <div className="flex items-center gap-3">
            <Button onClick={() => void start()} disabled={!check?.mapping || uploading} loading={uploading}>
              Import {file?.name}
            </Button>
            {uploading && (
              <button type="button" className="text-sm text-gray-600 hover:underline" onClick={() => abort.current?.()}>
                Cancel
              </button>
            )}
            {check?.missing && <span className="text-sm text-gray-500">{check.missing}</span>}
          </div>
        </div>
      )}

      {uploading && file && (
        <div className="mt-4" aria-live="polite">
          <ProgressBar value={file.size ? (100 * sent) / file.size : 100} />
          <p className="mt-1 text-xs text-gray-500">
            {megabytes(sent)} of {megabytes(file.size)} read and imported (the file is stored as it is read; the table
            below shows the rows so far).
          </p>
        </div>
      )}
      {result && (
        <p
          className={`mt-4 rounded px-3 py-2 text-sm ${result.status === "completed" ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}
        >
          {result.status === "completed" ? "Imported" : "Stopped"}: {result.rowsImported.toLocaleString()} new,{" "}
          {result.rowsDuplicate.toLocaleString()} already there, {result.rowsFailed.toLocaleString()} failed.
          {result.error && ` ${result.error}`}
        </p>
      )}
      <div className="mt-3">
        <ErrorText
          error={failure ? { message: failure } : outcome && !result && outcome.body.error ? outcome.body.error : null}
        />
      </div>
    </Card>
  );
}
