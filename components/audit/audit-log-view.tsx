"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { AuditFilters, type AuditFilterValues } from "./audit-filters";
import { Pager } from "../ui/pager";
import { DateTime } from "../ui/date-time";

const PAGE_SIZE = 25;

function summarize(summary: { before?: unknown; after?: unknown }): string {
  const show = (v: unknown) => (v === undefined ? "" : JSON.stringify(v));
  if (summary.before !== undefined && summary.after !== undefined) return `${show(summary.before)} → ${show(summary.after)}`;
  return show(summary.after ?? summary.before);
}

export function AuditLogView() {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const [page, setPage] = useState(1);
  const query = useQuery({
    ...trpc.audit.list.queryOptions({ ...filters, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  return (
    <Card>
      <AuditFilters
        onApply={(values) => {
          setFilters(values);
          setPage(1);
        }}
      />
      <ErrorText error={query.error} />
      <Table className="mt-4">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Time</TableHeaderCell>
            <TableHeaderCell>Actor</TableHeaderCell>
            <TableHeaderCell>Action</TableHeaderCell>
            <TableHeaderCell>Target</TableHeaderCell>
            <TableHeaderCell>Change</TableHeaderCell>
            <TableHeaderCell>IP</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {query.data?.entries.map((e) => (
            <TableRow key={e.id} data-testid="audit-row">
              <TableCell className="whitespace-nowrap text-sm"><DateTime date={e.at} /></TableCell>
              <TableCell className="text-sm">{e.actorEmail ?? "—"}</TableCell>
              <TableCell className="font-mono text-xs">{e.action}</TableCell>
              <TableCell className="text-xs text-gray-500">{e.targetType ? `${e.targetType} ${e.targetId ?? ""}` : "—"}</TableCell>
              <TableCell className="max-w-md truncate font-mono text-xs" title={summarize(e.summary)}>
                {summarize(e.summary)}
              </TableCell>
              <TableCell className="text-xs text-gray-500">{e.ip ?? "—"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {query.data && query.data.entries.length === 0 && <p className="p-4 text-sm text-gray-500">No entries match these filters.</p>}
      {query.data && <Pager page={page} pageSize={PAGE_SIZE} total={query.data.total} onPage={setPage} />}
    </Card>
  );
}
