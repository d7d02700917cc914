"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import type { EnrichmentMapping } from "@/server/enrichment/schema";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { Pill } from "../ui/pill";

const STATUS = {
  matched: { tone: "emerald", label: "matches a profile" },
  new: { tone: "blue", label: "new profile" },
  unmatched: { tone: "amber", label: "no profile" },
  invalid: { tone: "red", label: "invalid" },
} as const;

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/**
 * The file's first rows as they would be applied (asked of the server, which writes nothing): whether each
 * key matches a profile, the typed trait values, or why the row is invalid.
 */
export function EnrichmentPreview({
  columns,
  rows,
  mapping,
}: {
  columns: string[];
  rows: string[][];
  mapping: EnrichmentMapping;
}) {
  const trpc = useTRPC();
  const preview = useMutation(trpc.enrichment.preview.mutationOptions());
  const key = JSON.stringify({ columns, rows, mapping });
  const { mutate } = preview;
  useEffect(() => {
    const timer = setTimeout(() => mutate(JSON.parse(key)), 250);
    return () => clearTimeout(timer);
  }, [key, mutate]);

  return (
    <div>
      <h3 className="text-sm font-medium text-gray-700">Preview of the first rows</h3>
      <ErrorText error={preview.error} />
      {preview.data && (
        <div className="mt-2 overflow-x-auto rounded border border-gray-200">
          <table className="min-w-full text-sm">
            <thead className="bg-gray-50 text-left text-xs text-gray-600">
              <tr>
                <th className="px-3 py-1.5 font-medium">Line</th>
                <th className="px-3 py-1.5 font-medium">Key</th>
                <th className="px-3 py-1.5 font-medium">Result</th>
                <th className="px-3 py-1.5 font-medium">Traits</th>
              </tr>
            </thead>
            <tbody>
              {preview.data.rows.map((r) => (
                <tr key={r.line} className="border-t border-gray-100 align-top">
                  <td className="px-3 py-1.5 tabular-nums text-gray-500">{r.line}</td>
                  <td className="px-3 py-1.5 font-mono text-gray-800 [overflow-wrap:anywhere]">{r.key ?? "—"}</td>
                  <td className="px-3 py-1.5">
                    <Pill tone={STATUS[r.status].tone}>{STATUS[r.status].label}</Pill>
                    {r.reason && <p className="mt-1 text-xs text-red-700">{r.reason}</p>}
                  </td>
                  <td className="px-3 py-1.5">
                    <div className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
                      {r.traits.map((t) => (
                        <span key={t.name} className="[overflow-wrap:anywhere]">
                          <span className="font-mono text-gray-500">{t.name}</span>{" "}
                          <span className="text-gray-900">{show(t.value)}</span>
                          {typeof t.value !== "string" && <span className="text-gray-400"> ({typeof t.value})</span>}
                        </span>
                      ))}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {preview.isPending && !preview.data && <p className="mt-2 text-sm text-gray-500">Reading the first rows…</p>}
    </div>
  );
}
