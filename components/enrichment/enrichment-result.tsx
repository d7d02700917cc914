"use client";

import { useQuery } from "@tanstack/react-query";
import { Card } from "@tremor/react";
import { CircleAlert, CircleCheck, Download, UserPlus, UserX } from "lucide-react";
import type { ReactNode } from "react";
import { useTRPC } from "../trpc/client";

function Tile({
  icon,
  label,
  value,
  tone,
  children,
}: {
  icon: ReactNode;
  label: string;
  value: number;
  tone: string;
  children?: ReactNode;
}) {
  return (
    <div className="rounded-lg border border-gray-200 p-4" data-testid={`result-${label.toLowerCase()}`}>
      <div className={`flex items-center gap-2 text-sm ${tone}`}>
        {icon}
        {label}
      </div>
      <p className="mt-1 text-2xl font-semibold tabular-nums text-gray-900">{value.toLocaleString()}</p>
      {children}
    </div>
  );
}

export const rowsUrl = (fileId: string, kind: "unmatched" | "invalid") => `/api/enrichment/${fileId}/rows?kind=${kind}`;

/** What applying a file did: rows matched, profiles created, rows unmatched (download) and invalid (reasons). */
export function EnrichmentResult({ fileId }: { fileId: string }) {
  const trpc = useTRPC();
  const file = useQuery(trpc.enrichment.get.queryOptions({ fileId }));
  if (!file.data) return null;
  const f = file.data;
  return (
    <Card aria-label="Enrichment result">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-medium">
          {f.status === "completed" ? "Applied" : "Stopped"}: <span className="font-mono">{f.name}</span>
        </h2>
        <p className="text-sm text-gray-500">
          {f.rowsTotal.toLocaleString()} rows · {f.traitsWritten.toLocaleString()} trait values written
        </p>
      </div>
      {f.error && <p className="mt-2 rounded bg-red-50 px-3 py-2 text-sm text-red-700">{f.error}</p>}
      <div className="mt-4 grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        <Tile
          icon={<CircleCheck className="h-4 w-4" />}
          label="Matched"
          value={f.rowsMatched}
          tone="text-emerald-700"
        />
        <Tile icon={<UserPlus className="h-4 w-4" />} label="Created" value={f.rowsCreated} tone="text-blue-700">
          {!f.mapping.createProfiles && <p className="text-xs text-gray-500">Creating profiles was off</p>}
        </Tile>
        <Tile icon={<UserX className="h-4 w-4" />} label="Unmatched" value={f.rowsUnmatched} tone="text-amber-700">
          {f.rowsUnmatched > 0 && (
            <a
              href={rowsUrl(f.id, "unmatched")}
              download
              className="mt-1 inline-flex items-center gap-1 text-xs text-blue-700 hover:underline"
            >
              <Download className="h-3 w-3" aria-hidden /> Download unmatched rows (CSV)
            </a>
          )}
        </Tile>
        <Tile icon={<CircleAlert className="h-4 w-4" />} label="Invalid" value={f.rowsInvalid} tone="text-red-700">
          {f.rowsInvalid > 0 && (
            <a
              href={rowsUrl(f.id, "invalid")}
              download
              className="mt-1 inline-flex items-center gap-1 text-xs text-blue-700 hover:underline"
            >
              <Download className="h-3 w-3" aria-hidden /> Download invalid rows (CSV)
            </a>
          )}
        </Tile>
      </div>
      {f.invalid.length > 0 && (
        <div className="mt-4">
          <h3 className="text-sm font-medium text-gray-700">Invalid rows</h3>
          <ul className="mt-1 max-h-56 divide-y divide-gray-100 overflow-y-auto rounded border border-gray-200 text-sm">
            {f.invalid.map((r) => (
              <li key={r.rowNumber} className="flex gap-3 px-3 py-1.5">
                <span className="w-16 shrink-0 tabular-nums text-gray-500">line {r.rowNumber}</span>
                <span className="text-gray-800 [overflow-wrap:anywhere]">{r.reason}</span>
              </li>
            ))}
          </ul>
          {f.rowsInvalid > f.invalid.length && (
            <p className="mt-1 text-xs text-gray-500">
              The first {f.invalid.length} of {f.rowsInvalid.toLocaleString()}; the download has them all.
            </p>
          )}
        </div>
      )}
    </Card>
  );
}
