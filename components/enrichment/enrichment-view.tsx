"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, ProgressBar } from "@tremor/react";
import { Building2, Database, ListChecks, X } from "lucide-react";
import { useState } from "react";
import { readFileHead, type FileHead } from "../imports/read-file-head";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { DropZone } from "./drop-zone";
import { EnrichmentFilesTable } from "./enrichment-files-table";
import { EnrichmentMapping } from "./enrichment-mapping";
import { EnrichmentPreview } from "./enrichment-preview";
import { EnrichmentResult } from "./enrichment-result";
import { draftToMapping, initialDraft, type MappingDraft } from "./mapping-draft";
import { uploadEnrichment } from "./upload-enrichment";

const size = (n: number) =>
  n < 1024 * 1024
    ? `${Math.max(1, Math.round(n / 1024))} KB`
    : `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** What enrichment is for, shown until the first file is applied. */
function Explainer() {
  const points = [
    {
      icon: Building2,
      text: "Bring in what other systems know: a CRM export, a data vendor's file, a spreadsheet of accounts.",
    },
    {
      icon: Database,
      text: "Rows are matched to profiles by one identifier (email, phone, user id or your own id type); their columns become traits, with the file as their source.",
    },
    {
      icon: ListChecks,
      text: "Survivorship decides when a file and events disagree: rank the file first on the Identity rules page to make it win.",
    },
  ];
  return (
    <ul className="mt-4 grid gap-3 md:grid-cols-3">
      {points.map(({ icon: Icon, text }) => (
        <li key={text} className="flex gap-2 text-sm text-gray-600">
          <Icon className="mt-0.5 h-4 w-4 shrink-0 text-gray-400" aria-hidden />
          {text}
        </li>
      ))}
    </ul>
  );
}

/** Upload a file, map and preview it, apply it; then its result, and the files applied before. */
export function EnrichmentView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keyTypes = useQuery(trpc.enrichment.keyTypes.queryOptions());
  const files = useQuery(trpc.enrichment.list.queryOptions({ page: 1, pageSize: 10 }));
  const [file, setFile] = useState<File | null>(null);
  const [head, setHead] = useState<FileHead | null>(null);
  const [draft, setDraft] = useState<MappingDraft | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);

  async function choose(chosen: File) {
    setFailure(null);
    setFile(chosen);
    const read = await readFileHead(chosen, "csv");
    setHead(read);
    setDraft(read.problem || !keyTypes.data ? null : initialDraft(read, keyTypes.data));
  }
  const reset = () => {
    setFile(null);
    setHead(null);
    setDraft(null);
  };

  const check = head && draft ? draftToMapping(draft, head.delimiter) : null;
  async function apply() {
    if (!file || !check?.mapping) return;
    setSent(0);
    setFailure(null);
    try {
      const outcome = await uploadEnrichment(file, check.mapping, setSent);
      if (outcome.body.file) {
        setShown(outcome.body.file.fileId);
        reset();
      }
      if (outcome.body.error && !outcome.body.file) setFailure(outcome.body.error.message);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setSent(null);
      await queryClient.invalidateQueries({ queryKey: trpc.enrichment.pathKey() });
    }
  }

  const uploading = sent !== null;
  const sample = head ? head.sample.map((row) => head.columns.map((c) => String(row[c] ?? ""))) : [];
  return (
    <div className="space-y-6">
      <Card>
        <div className="flex items-start justify-between gap-4">
          <div>
            <h2 className="font-medium">Apply a file</h2>
            <p className="mt-1 text-sm text-gray-500">
              A CSV keyed by one identifier; its other columns become traits of the matching profiles.
            </p>
          </div>
          {file && !uploading && (
            <button
              type="button"
              onClick={reset}
              className="inline-flex items-center gap-1 text-sm text-gray-600 hover:underline"
            >
              <X className="h-4 w-4" aria-hidden /> Choose another file
            </button>
          )}
        </div>
        {files.data?.total === 0 && !file && <Explainer />}
        {!file && (
          <div className="mt-4">
            <DropZone onFile={(f) => void choose(f)} disabled={!keyTypes.data} />
          </div>
        )}
        {file && (
          <p className="mt-3 text-sm text-gray-700">
            <span className="font-mono">{file.name}</span> <span className="text-gray-500">· {size(file.size)}</span>
          </p>
        )}
        {head?.problem && <p className="mt-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">{head.problem}</p>}
        {head && draft && keyTypes.data && (
          <div className="mt-5 space-y-5">
            <EnrichmentMapping
              draft={draft}
              columns={head.columns}
              keyTypes={keyTypes.data}
              onChange={setDraft}
              disabled={uploading}
            />
            {check?.mapping && <EnrichmentPreview columns={head.columns} rows={sample} mapping={check.mapping} />}
            <div className="flex flex-wrap items-center gap-3">
              <Button onClick={() => void apply()} disabled={!check?.mapping || uploading} loading={uploading}>
                Apply {file?.name}
              </Button>
              {check?.missing && <span className="text-sm text-gray-500">{check.missing}</span>}
            </div>
            {uploading && file && (
              <div aria-live="polite">
                <ProgressBar value={file.size ? Math.min(100, (100 * sent) / file.size) : 100} />
                <p className="mt-1 text-xs text-gray-500">
                  {sent < file.size ? `${size(sent)} of ${size(file.size)} sent` : "Applying the rows…"}
                </p>
              </div>
            )}
          </div>
        )}
        <div className="mt-3">
          <ErrorText error={failure ? { message: failure } : (keyTypes.error ?? null)} />
        </div>
      </Card>
      {shown && <EnrichmentResult fileId={shown} />}
      <EnrichmentFilesTable onOpen={setShown} />
    </div>
  );
}
