"use client";

import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { Fragment, useState, type ReactNode } from "react";
import type { EventView } from "@/server/events/present-event";
import { DateTime } from "../ui/date-time";
import { JsonView } from "../ui/json-view";
import { Pill } from "../ui/pill";
import { RelativeTime } from "../ui/relative-time";
import { TYPE_COLORS, whoOf } from "./event-labels";

interface EventTableProps {
  items: EventView[];
  /** Show a Source column with these names. */
  sourceNames?: Map<string, string>;
  /** Rows to highlight (just arrived). */
  fresh?: ReadonlySet<string>;
}

function Detail({ item, sourceName }: { item: EventView; sourceName?: string }) {
  const facts: [string, ReactNode][] =
    item.status === "accepted"
      ? [
          [
            "Message id",
            <span key="m" className="font-mono">
              {item.messageId}
            </span>,
          ],
          ["Event time", <DateTime key="t" date={item.timestamp} />],
          ["Received", <DateTime key="r" date={item.receivedAt} />],
        ]
      : [
          [
            "Refused because",
            <span key="r" className="text-red-700">
              {item.reason}
            </span>,
          ],
          ["Received", <DateTime key="r" date={item.receivedAt} />],
          ...(item.batchIndex !== null
            ? ([["Position in batch", String(item.batchIndex)]] as [string, ReactNode][])
            : []),
        ];
  if (sourceName) facts.push(["Source", sourceName]);
  return (
    <div className="space-y-3 py-2">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-xs">
        {facts.map(([term, value]) => (
          <Fragment key={term}>
            <dt className="text-gray-500">{term}</dt>
            <dd className="text-gray-900">{value}</dd>
          </Fragment>
        ))}
      </dl>
      <JsonView value={item.payload} label={item.status === "accepted" ? "Event JSON" : "Refused payload"} />
    </div>
  );
}

/**
 * Events (accepted or refused) in rows; each row opens to its full JSON. The layout is fixed: the event and
 * user columns share what is left and cut long text (whole on hover), so the details button stays in view
 * at any width instead of being pushed past the card's edge.
 */
export function EventTable({ items, sourceNames, fresh }: EventTableProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const columns = sourceNames ? 6 : 5;

  return (
    <Table className="[&>table]:table-fixed">
      <TableHead>
        <TableRow>
          <TableHeaderCell className="w-28">Received</TableHeaderCell>
          <TableHeaderCell className="w-24">Type</TableHeaderCell>
          <TableHeaderCell>Event</TableHeaderCell>
          <TableHeaderCell className="w-[24%]">User</TableHeaderCell>
          {sourceNames && <TableHeaderCell className="w-44">Source</TableHeaderCell>}
          <TableHeaderCell className="w-24 text-right">
            <span className="sr-only">Details</span>
          </TableHeaderCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((item) => {
          const who = whoOf(item);
          const isOpen = open.has(item.id);
          return (
            <Fragment key={item.id}>
              <TableRow
                data-testid="event-row"
                data-status={item.status}
                onClick={() => toggle(item.id)}
                className={`cursor-pointer hover:bg-gray-50 ${fresh?.has(item.id) ? "bg-blue-50/60" : ""}`}
              >
                <TableCell className="text-sm text-gray-600">
                  <RelativeTime date={item.receivedAt} />
                </TableCell>
                <TableCell>
                  {item.status === "accepted" ? (
                    <Pill tone={TYPE_COLORS[item.type]}>{item.type}</Pill>
                  ) : (
                    <Pill tone="red">rejected</Pill>
                  )}
                </TableCell>
                <TableCell
                  className="truncate text-sm"
                  title={item.status === "accepted" ? (item.event ?? undefined) : item.reason}
                >
                  {item.status === "accepted" ? (
                    <span className="font-medium text-gray-900">
                      {item.event ?? <span className="text-gray-400">—</span>}
                    </span>
                  ) : (
                    <span className="text-red-700">{item.reason}</span>
                  )}
                </TableCell>
                <TableCell className="truncate font-mono text-xs" title={who?.id}>
                  {who ? (
                    <>
                      {who.id}
                      {who.anonymous && <span className="ml-1 font-sans text-gray-400">(anonymous)</span>}
                    </>
                  ) : (
                    <span className="text-gray-400">—</span>
                  )}
                </TableCell>
                {sourceNames && (
                  <TableCell className="truncate text-sm text-gray-600">
                    {sourceNames.get(item.sourceId) ?? "Deleted source"}
                  </TableCell>
                )}
                <TableCell className="text-right">
                  <button
                    type="button"
                    aria-expanded={isOpen}
                    onClick={(e) => {
                      e.stopPropagation();
                      toggle(item.id);
                    }}
                    className="text-xs font-medium text-blue-600 hover:underline"
                  >
                    {isOpen ? "Hide JSON" : "View JSON"}
                  </button>
                </TableCell>
              </TableRow>
              {isOpen && (
                <TableRow className="bg-gray-50">
                  <TableCell colSpan={columns} className="whitespace-normal">
                    <Detail item={item} sourceName={sourceNames?.get(item.sourceId)} />
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          );
        })}
      </TableBody>
    </Table>
  );
}
