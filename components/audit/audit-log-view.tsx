"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { AuditFilters, type AuditFilterValues } from "./audit-filters";
import { Pager } from "../ui/pager";
import { dateTitle, formatDate } from "../ui/date-time";
import { AuditChange } from "./audit-change";

const PAGE_SIZE = 25;

/** Cells pad less than Tremor's default, so six columns fit from 1280 px without a horizontal scroll. */
const CELL = "px-2 py-3 first:pl-0 last:pr-0";
const WRAP = "whitespace-normal [overflow-wrap:anywhere]";
const time = (d: Date) =>
  d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });

/** "user" targets are members: the word the console uses for them. */
const TARGET_WORDS: Record<string, string> = {
  user: "member",
  source: "source",
  workspace: "workspace",
  job: "job",
  access_token: "access token",
  enrichment_file: "enrichment file",
};

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
            <TableHeaderCell className={CELL}>Time</TableHeaderCell>
            <TableHeaderCell className={CELL}>Actor</TableHeaderCell>
            <TableHeaderCell className={CELL}>Action</TableHeaderCell>
            <TableHeaderCell className={CELL}>Target</TableHeaderCell>
            <TableHeaderCell className={CELL}>Change</TableHeaderCell>
            <TableHeaderCell className={CELL}>IP</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {query.data?.entries.map((e) => (
            <TableRow key={e.id} data-testid="audit-row" className="align-top">
              <TableCell className={`${CELL} whitespace-nowrap text-sm`}>
                <time dateTime={e.at.toISOString()} title={dateTitle(e.at)}>
                  <div>{formatDate(e.at)}</div>
                  <div className="text-xs text-gray-500">{time(e.at)}</div>
                </time>
              </TableCell>
              <TableCell className={`${CELL} ${WRAP} min-w-[8rem] text-sm`}>{e.actorEmail ?? "—"}</TableCell>
              <TableCell className={`${CELL} ${WRAP} min-w-[8rem] text-sm`}>
                <div>{e.actionLabel}</div>
                <div className="font-mono text-xs text-gray-400">{e.action}</div>
              </TableCell>
              <TableCell className={`${CELL} ${WRAP} min-w-[9rem] text-sm`} data-testid="audit-target">
                {e.targetType ? (
                  <>
                    <div className="font-medium">
                      {e.targetName ?? (e.targetId ? `${e.targetId.slice(0, 8)}…` : "—")}
                    </div>
                    <div className="text-xs text-gray-500">{TARGET_WORDS[e.targetType] ?? e.targetType}</div>
                  </>
                ) : (
                  "—"
                )}
              </TableCell>
              <TableCell className={`${CELL} ${WRAP} min-w-[14rem] text-xs`} data-testid="audit-change">
                <AuditChange summary={e.summary} />
              </TableCell>
              <TableCell
                className={`${CELL} ${WRAP} min-w-[7rem] font-mono text-xs text-gray-500`}
                data-testid="audit-ip"
              >
                {e.ip ?? "—"}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {query.data && query.data.entries.length === 0 && (
        <p className="p-4 text-sm text-gray-500">
          No entries match these filters. Clear a filter or widen the dates to see more.
        </p>
      )}
      {query.data && <Pager page={page} pageSize={PAGE_SIZE} total={query.data.total} onPage={setPage} />}
    </Card>
  );
}
