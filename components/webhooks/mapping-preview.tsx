"use client";

import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { Pill } from "../ui/pill";

type Preview = inferRouterOutputs<AppRouter>["webhooks"]["previewMapping"];

/** What the mapping made of the sample: the normalized events, the refused ones with reasons, or the error. */
export function MappingPreview({ preview, pending }: { preview: Preview | undefined; pending: boolean }) {
  if (!preview)
    return (
      <p className="text-sm text-gray-400">
        {pending ? "Mapping the sample…" : "Paste a sample payload to see the events it maps to."}
      </p>
    );
  if (preview.status === "mapping_failed" || preview.status === "invalid_sample") {
    return (
      <p role="alert" className="whitespace-pre-wrap rounded bg-red-50 px-3 py-2 font-mono text-xs text-red-700">
        {preview.error}
      </p>
    );
  }
  return (
    <div className="space-y-3" aria-busy={pending}>
      <p className="text-sm text-gray-600">
        {preview.events.length === 0 && preview.rejected.length === 0
          ? "The mapping produces no events for this payload (it is kept, but nothing is stored)."
          : `${preview.events.length} event${preview.events.length === 1 ? "" : "s"} would be stored${preview.rejected.length ? `, ${preview.rejected.length} refused` : ""}.`}
      </p>
      {preview.rejected.map((r) => (
        <div key={`r${r.index}`} className="rounded border border-red-200 bg-red-50 px-3 py-2 text-xs text-red-700">
          Event #{r.index} refused: {r.reason}
        </div>
      ))}
      {preview.events.slice(0, 20).map((e, i) => (
        <div key={i} className="rounded border border-gray-200">
          <div className="flex flex-wrap items-center gap-2 border-b border-gray-100 bg-gray-50 px-3 py-1.5 text-xs">
            <Pill tone="blue">{e.type}</Pill>
            {e.event && <span className="font-medium text-gray-800">{e.event}</span>}
            <span className="text-gray-500">{e.userId ? `userId ${e.userId}` : `anonymousId ${e.anonymousId}`}</span>
            <span className="ml-auto text-gray-400">{e.timestamp}</span>
          </div>
          <pre className="max-h-48 overflow-auto px-3 py-2 font-mono text-xs text-gray-700">
            {JSON.stringify(e.message, null, 2)}
          </pre>
        </div>
      ))}
      {preview.events.length > 20 && <p className="text-xs text-gray-400">…and {preview.events.length - 20} more.</p>}
    </div>
  );
}
