"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card } from "@tremor/react";
import { useEffect, useState } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { MappingPreview } from "./mapping-preview";
import { useDebounced } from "./use-debounced";

const EXAMPLE = `/* A JSONata expression: the payload in, one event or an array of events out. */
{
  "type": "track",
  "event": "Invoice Paid",
  "userId": data.customer_id,
  "timestamp": data.paid_at,
  "properties": { "amount": data.amount / 100, "currency": data.currency }
}`;
const EXAMPLE_SAMPLE = `{ "type": "invoice.paid", "data": { "customer_id": "cus_42", "paid_at": "2024-05-01T12:00:00Z", "amount": 4900, "currency": "eur" } }`;

const area =
  "mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 font-mono text-xs leading-relaxed focus:border-blue-500 focus:outline-none";

/** The server names the sample headers first when it refuses one of their lines ("Sample headers: line 2 …"). */
const isSampleHeadersError = (error: { message: string } | null) =>
  Boolean(error?.message.startsWith("Sample headers:"));

interface MappingEditorProps {
  sourceId: string;
  saved: string | null;
  sample: string;
  onSample: (text: string) => void;
  /** `Name: value` lines, given to the preview's mapping as `$headers`. */
  sampleHeaders: string;
  onSampleHeaders: (text: string) => void;
}

/**
 * Edits a webhook source's mapping with a live preview: as the expression or the sample (payload and
 * headers) changes, the server maps the sample (nothing is stored) and shows the events; Save stores the
 * mapping once it compiles.
 */
export function MappingEditor({
  sourceId,
  saved,
  sample,
  onSample,
  sampleHeaders,
  onSampleHeaders,
}: MappingEditorProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mapping, setMapping] = useState(saved ?? "");
  const [justSaved, setJustSaved] = useState(false);
  // When the saved mapping changes (saved here or elsewhere), the editor shows it.
  const [shown, setShown] = useState(saved);
  if (saved !== shown) {
    setShown(saved);
    setMapping(saved ?? "");
  }

  const preview = useMutation(trpc.webhooks.previewMapping.mutationOptions());
  const save = useMutation(
    trpc.webhooks.setMapping.mutationOptions({
      onSuccess: async () => {
        setJustSaved(true);
        await queryClient.invalidateQueries({ queryKey: trpc.sources.get.queryKey({ sourceId }) });
      },
    }),
  );
  const settledMapping = useDebounced(mapping, 400);
  const settledSample = useDebounced(sample, 400);
  const settledHeaders = useDebounced(sampleHeaders, 400);
  const { mutate: runPreview } = preview;
  useEffect(() => {
    if (settledSample.trim() === "") return;
    runPreview({
      sourceId,
      mapping: settledMapping,
      samplePayload: settledSample,
      sampleHeaders: settledHeaders.trim() === "" ? undefined : settledHeaders,
    });
  }, [settledMapping, settledSample, settledHeaders, sourceId, runPreview]);
  const headersError = isSampleHeadersError(preview.error) ? preview.error : null;

  const dirty = mapping.trim() !== (saved ?? "").trim();
  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 className="font-medium">Mapping</h2>
          <p className="mt-1 text-sm text-gray-500">
            A{" "}
            <a
              href="https://docs.jsonata.org/overview"
              target="_blank"
              rel="noreferrer"
              className="text-blue-700 hover:underline"
            >
              JSONata
            </a>{" "}
            expression from the payload to Segment-shaped events (type, userId or anonymousId, event, properties,
            traits, timestamp). Empty: the payload must already be an event or an array of events. Without a messageId,
            one is derived from the delivery, so re-sent and replayed deliveries never duplicate.
          </p>
          <p className="mt-1 text-sm text-gray-500">
            The request headers are available as <code className="font-mono text-xs">$headers</code>, by lower-case name
            (<code className="font-mono text-xs">$headers.&quot;x-github-event&quot;</code>); credentials and signatures
            are never kept. Regular expressions use RE2 syntax (no lookaround or backreferences), so none can stall on a
            payload.
          </p>
        </div>
        <button
          type="button"
          className="text-sm text-blue-700 hover:underline"
          onClick={() => (setMapping(EXAMPLE), sample.trim() === "" && onSample(EXAMPLE_SAMPLE))}
        >
          Insert an example
        </button>
      </div>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <label className="block text-sm text-gray-700">
          Expression
          <textarea
            aria-label="Mapping expression"
            value={mapping}
            onChange={(e) => (setMapping(e.target.value), setJustSaved(false))}
            rows={12}
            spellCheck={false}
            className={area}
            placeholder='{"type": "track", "event": event_name, "userId": user.id}'
          />
        </label>
        <div className="space-y-3">
          <label className="block text-sm text-gray-700">
            Sample payload <span className="text-gray-400">(paste one, or use a delivery below)</span>
            <textarea
              aria-label="Sample payload"
              value={sample}
              onChange={(e) => onSample(e.target.value)}
              rows={9}
              spellCheck={false}
              className={area}
              placeholder='{"event_name": "Signed Up", "user": {"id": "u1"}}'
            />
          </label>
          <label className="block text-sm text-gray-700">
            Sample headers <span className="text-gray-400">(optional, one Name: value per line)</span>
            <textarea
              aria-label="Sample headers"
              aria-invalid={headersError !== null}
              value={sampleHeaders}
              onChange={(e) => onSampleHeaders(e.target.value)}
              rows={2}
              spellCheck={false}
              className={area}
              placeholder="X-GitHub-Event: push"
            />
          </label>
          <ErrorText error={headersError} />
        </div>
      </div>
      <div className="mt-4">
        <h3 className="mb-2 text-sm font-medium text-gray-700">Preview</h3>
        <ErrorText error={headersError ? null : preview.error} />
        <MappingPreview preview={sample.trim() ? preview.data : undefined} pending={preview.isPending} />
      </div>
      <div className="mt-4 flex items-center gap-3">
        <Button
          onClick={() => save.mutate({ sourceId, mapping: mapping.trim() === "" ? null : mapping })}
          loading={save.isPending}
          disabled={!dirty}
        >
          Save mapping
        </Button>
        {dirty && saved !== null && (
          <button type="button" className="text-sm text-gray-600 hover:underline" onClick={() => setMapping(saved)}>
            Discard changes
          </button>
        )}
        {justSaved && !dirty && (
          <span className="text-sm text-emerald-700">Saved. New deliveries use it; replay failed ones below.</span>
        )}
      </div>
      {save.error && (
        // Compile errors carry the expression's line with a caret under the spot: keep their spacing.
        <p role="alert" className="mt-2 whitespace-pre-wrap rounded bg-red-50 px-3 py-2 font-mono text-xs text-red-700">
          {save.error.message}
        </p>
      )}
    </Card>
  );
}
