"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, ProgressBar, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { useState } from "react";
import { Pill } from "../ui/pill";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { Pager } from "../ui/pager";
import { DateTime } from "../ui/date-time";

const PAGE_SIZE = 10;
const TONE = { running: "blue", completed: "emerald", failed: "red" } as const;

/** Past and running imports of a source with their totals; polls while one is running. */
export function ImportsTable({ sourceId, polling }: { sourceId: string; polling: boolean }) {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const list = useQuery({
    ...trpc.imports.list.queryOptions({ sourceId, page, pageSize: PAGE_SIZE }),
    refetchInterval: (query) =>
      polling || query.state.data?.imports.some((i) => i.status === "running") ? 1_000 : false,
  });

  return (
    <Card>
      <h2 className="font-medium">Imports</h2>
      <ErrorText error={list.error} />
      <Table className="mt-2">
        <TableHead>
          <TableRow>
            <TableHeaderCell>File</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell className="text-right">Rows</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {list.data?.imports.map((i) => (
            <TableRow key={i.id} data-testid={`import-${i.id}`}>
              <TableCell className="max-w-56 align-top">
                <div className="truncate font-medium text-gray-900" title={i.fileName}>
                  {i.fileName}
                </div>
                <div className="text-xs text-gray-500">
                  {i.format.toUpperCase()} · <DateTime date={i.startedAt} />
                </div>
              </TableCell>
              <TableCell className="w-full whitespace-normal align-top">
                <Pill tone={TONE[i.status]}>{i.status}</Pill>
                {i.status === "running" && i.totalBytes ? (
                  <ProgressBar className="mt-2" value={(100 * i.processedBytes) / i.totalBytes} />
                ) : null}
                {i.error && <p className="mt-1 text-xs text-red-700">{i.error}</p>}
              </TableCell>
              <TableCell className="whitespace-nowrap text-right align-top text-sm tabular-nums">
                <div>
                  <span className="font-medium text-gray-900">{i.rowsImported.toLocaleString()}</span> new
                </div>
                <div className="text-gray-500">{i.rowsDuplicate.toLocaleString()} already there</div>
                <div className={i.rowsFailed > 0 ? "text-red-700" : "text-gray-500"}>
                  {i.rowsFailed.toLocaleString()} failed
                </div>
                {i.rowsFailed > 0 && (
                  <a
                    href={`/api/imports/${sourceId}/${i.id}/errors`}
                    className="mt-1 block text-xs text-blue-700 hover:underline"
                    download
                  >
                    Download errors (CSV)
                  </a>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {list.isLoading && <p className="p-4 text-sm text-gray-500">Loading imports…</p>}
      {list.data?.total === 0 && <p className="p-4 text-sm text-gray-500">No imports yet.</p>}
      {list.data && list.data.total > PAGE_SIZE && (
        <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
      )}
    </Card>
  );
}
