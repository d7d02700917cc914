"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { FileSpreadsheet } from "lucide-react";
import { useState } from "react";
import { identifierLabel } from "../profiles/identifier-labels";
import { useTRPC } from "../trpc/client";
import { DateTime } from "../ui/date-time";
import { ErrorText } from "../ui/error-text";
import { Pager } from "../ui/pager";
import { Pill } from "../ui/pill";
import { rowsUrl } from "./enrichment-result";

const PAGE_SIZE = 10;
const TONE = { running: "blue", completed: "emerald", failed: "red" } as const;

/** Past enrichment files with their totals; choosing one shows its result card. */
export function EnrichmentFilesTable({ onOpen }: { onOpen: (fileId: string) => void }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.enrichment.list.queryOptions({ page, pageSize: PAGE_SIZE }),
    refetchInterval: (query) => (query.state.data?.files.some((f) => f.status === "running") ? 2_000 : false),
  });
  if (list.data?.total === 0) return null;
  return (
    <Card>
      <h2 className="font-medium">Past files</h2>
      <ErrorText error={list.error} />
      <Table className="mt-2">
        <TableHead>
          <TableRow>
            <TableHeaderCell>File</TableHeaderCell>
            <TableHeaderCell>Matched by</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell className="text-right">Rows</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {list.data?.files.map((f) => (
            <TableRow key={f.id} data-testid={`enrichment-file-${f.id}`}>
              <TableCell className="max-w-72 align-top">
                <button
                  type="button"
                  onClick={() => onOpen(f.id)}
                  className="inline-flex max-w-full items-center gap-1.5 font-medium text-blue-700 hover:underline"
                  title={f.name}
                >
                  <FileSpreadsheet className="h-4 w-4 shrink-0" aria-hidden />
                  <span className="truncate">{f.name}</span>
                </button>
                <div className="text-xs text-gray-500">
                  <DateTime date={f.startedAt} />
                  {f.uploadedBy && ` · ${f.uploadedBy}`}
                </div>
              </TableCell>
              <TableCell className="align-top text-sm">
                {identifierLabel(f.keyType)} <span className="text-gray-500">in “{f.keyColumn}”</span>
              </TableCell>
              <TableCell className="w-full whitespace-normal align-top">
                <Pill tone={TONE[f.status]}>{f.status}</Pill>
                {f.error && <p className="mt-1 text-xs text-red-700">{f.error}</p>}
              </TableCell>
              <TableCell className="whitespace-nowrap text-right align-top text-sm tabular-nums">
                <div>
                  <span className="font-medium text-gray-900">{f.rowsMatched.toLocaleString()}</span> matched
                </div>
                {f.rowsCreated > 0 && <div className="text-gray-500">{f.rowsCreated.toLocaleString()} created</div>}
                <div className="text-gray-500">
                  {f.rowsUnmatched > 0 ? (
                    <a href={rowsUrl(f.id, "unmatched")} download className="text-blue-700 hover:underline">
                      {f.rowsUnmatched.toLocaleString()} unmatched
                    </a>
                  ) : (
                    "0 unmatched"
                  )}
                </div>
                <div className={f.rowsInvalid > 0 ? "text-red-700" : "text-gray-500"}>
                  {f.rowsInvalid.toLocaleString()} invalid
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {list.isLoading && <p className="p-4 text-sm text-gray-500">Loading files…</p>}
      {list.data && list.data.total > PAGE_SIZE && (
        <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
      )}
    </Card>
  );
}
