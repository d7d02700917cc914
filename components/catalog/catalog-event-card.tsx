"use client";

import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import Link from "next/link";
import { useState } from "react";
import type { CatalogEvent } from "@/server/catalog/list-catalog";
import { Pill, type Tone } from "../ui/pill";
import { RelativeTime } from "../ui/relative-time";
import { TYPE_COLORS } from "../events/event-labels";

const VALUE_COLORS: Record<string, Tone> = { string: "blue", number: "emerald", boolean: "amber", object: "violet", array: "fuchsia", null: "gray" };
const number = new Intl.NumberFormat();
/** What the sender chose to send; the rest (ids, timestamps, context) is the message's envelope. */
const isData = (path: string) => /^(properties|traits)([.[]|$)/.test(path);

/** One observed event: its totals and every property path seen in it, with types, counts and sightings. */
export function CatalogEventCard({ entry, expandAll }: { entry: CatalogEvent; expandAll: boolean }) {
  const [showEnvelope, setShowEnvelope] = useState(false);
  const data = entry.properties.filter((p) => isData(p.path));
  const envelope = entry.properties.filter((p) => !isData(p.path));
  // The envelope is folded away unless there is nothing else, or a search matched it.
  const shown = showEnvelope || expandAll || data.length === 0 ? [...data, ...envelope] : data;
  const title = entry.eventName || `${entry.eventType} calls`;
  const eventsLink = `/events?${new URLSearchParams({ ...(entry.eventName ? { event: entry.eventName } : {}) })}`;
  return (
    <Card data-testid="catalog-event">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="flex items-center gap-2 font-medium text-gray-900">
            {title}
            <Pill tone={TYPE_COLORS[entry.eventType] ?? "gray"}>{entry.eventType}</Pill>
          </h2>
          <p className="mt-0.5 text-xs text-gray-500">
            from {entry.sources.map((s) => s.sourceName ?? "a deleted source").join(", ")} · first seen <RelativeTime date={entry.firstSeen} /> · last seen <RelativeTime date={entry.lastSeen} />
          </p>
        </div>
        <div className="text-right">
          <p className="text-xl font-semibold text-gray-900">{number.format(entry.total)}</p>
          <p className="text-xs text-gray-500">
            events · {entry.propertyCount} {entry.propertyCount === 1 ? "path" : "paths"} ·{" "}
            <Link href={eventsLink} className="text-blue-700 hover:underline">
              View events
            </Link>
          </p>
        </div>
      </div>
      <Table className="mt-3">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Path</TableHeaderCell>
            <TableHeaderCell>Type</TableHeaderCell>
            <TableHeaderCell className="text-right">Seen</TableHeaderCell>
            <TableHeaderCell>First seen</TableHeaderCell>
            <TableHeaderCell>Last seen</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((p) => {
            const share = entry.total > 0 ? Math.min(100, Math.round((p.count / entry.total) * 100)) : 0;
            return (
              <TableRow key={`${p.path}:${p.valueType}`}>
                <TableCell className="font-mono text-xs text-gray-800">{p.path}</TableCell>
                <TableCell>
                  <Pill tone={VALUE_COLORS[p.valueType] ?? "gray"}>{p.valueType}</Pill>
                </TableCell>
                <TableCell className="text-right text-sm">
                  <span className="inline-flex items-center gap-2" title={p.path.includes("[]") ? "values inside arrays" : `${share}% of events`}>
                    {!p.path.includes("[]") && (
                      <span className="hidden h-1.5 w-16 overflow-hidden rounded bg-gray-100 sm:inline-block">
                        <span className="block h-full bg-blue-400" style={{ width: `${share}%` }} />
                      </span>
                    )}
                    {number.format(p.count)}
                  </span>
                </TableCell>
                <TableCell className="text-sm text-gray-500">
                  <RelativeTime date={p.firstSeen} />
                </TableCell>
                <TableCell className="text-sm text-gray-500">
                  <RelativeTime date={p.lastSeen} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {!expandAll && data.length > 0 && envelope.length > 0 && (
        <button type="button" onClick={() => setShowEnvelope((v) => !v)} className="mt-2 text-xs font-medium text-blue-700 hover:underline">
          {showEnvelope ? "Hide" : "Show"} {envelope.length} message and context {envelope.length === 1 ? "field" : "fields"} (ids, timestamps, context…)
        </button>
      )}
    </Card>
  );
}
