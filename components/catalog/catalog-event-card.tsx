"use client";

import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import type { CatalogEvent } from "@/server/catalog/list-catalog";
import { Pill, type Tone } from "../ui/pill";
import { RelativeTime } from "../ui/relative-time";
import { TYPE_COLORS } from "../events/event-labels";

const VALUE_COLORS: Record<string, Tone> = {
  string: "blue",
  number: "emerald",
  boolean: "amber",
  object: "violet",
  array: "fuchsia",
  null: "gray",
};
const number = new Intl.NumberFormat("en-GB");
/** What the sender chose to send; the rest (ids, timestamps, context) is the message's envelope. */
const isData = (path: string) => /^(properties|traits)([.[]|$)/.test(path);
const plural = (n: number, one: string, many: string) => `${number.format(n)} ${n === 1 ? one : many}`;

const eventsLink = (entry: CatalogEvent, sourceId?: string) =>
  `/events?${new URLSearchParams({ ...(sourceId ? { sourceId } : {}), ...(entry.eventName ? { event: entry.eventName } : { type: entry.eventType }) })}`;

function PropertyTable({ entry, showEnvelope }: { entry: CatalogEvent; showEnvelope: boolean }) {
  const data = entry.properties.filter((p) => isData(p.path));
  const shown = showEnvelope || data.length === 0 ? entry.properties : data;
  return (
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
                <span
                  className="inline-flex items-center gap-2"
                  title={p.path.includes("[]") ? "values inside arrays" : `${share}% of events`}
                >
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
  );
}

/**
 * One event name across the sources that send it: a one-line summary (events, sources, paths, last seen)
 * that opens to the sources and every property path seen, with types, counts and sightings.
 */
export function CatalogEventCard({
  entry,
  open,
  onToggle,
  searching,
}: {
  entry: CatalogEvent;
  open: boolean;
  onToggle: () => void;
  searching: boolean;
}) {
  const [showEnvelope, setShowEnvelope] = useState(false);
  const title = entry.eventName || `${entry.eventType} calls`;
  const envelopeCount = entry.properties.filter((p) => !isData(p.path)).length;
  const hasData = entry.properties.length > envelopeCount;
  const bodyId = `catalog-${entry.eventType}-${entry.eventName}`.replace(/[^\w-]/g, "_");
  return (
    <Card data-testid="catalog-event" className="p-0">
      <button
        type="button"
        onClick={onToggle}
        aria-expanded={open}
        aria-controls={bodyId}
        className="flex w-full items-center gap-3 px-5 py-3 text-left hover:bg-gray-50"
      >
        <ChevronRight
          aria-hidden
          className={`h-4 w-4 shrink-0 text-gray-400 transition-transform ${open ? "rotate-90" : ""}`}
        />
        <span className="min-w-0 flex-1">
          <span className="flex items-center gap-2">
            <span className="truncate font-medium text-gray-900" title={title}>
              {title}
            </span>
            <Pill tone={TYPE_COLORS[entry.eventType] ?? "gray"}>{entry.eventType}</Pill>
          </span>
          <span className="mt-0.5 block truncate text-xs text-gray-500">
            {plural(entry.sources.length, "source", "sources")}:{" "}
            {entry.sources.map((s) => s.sourceName ?? "a deleted source").join(", ")} · last seen{" "}
            <RelativeTime date={entry.lastSeen} />
          </span>
        </span>
        <span className="shrink-0 text-right">
          <span className="block text-lg font-semibold text-gray-900">{number.format(entry.total)}</span>
          <span className="block text-xs text-gray-500">
            events ·{" "}
            {searching
              ? `${entry.properties.length} of ${plural(entry.propertyCount, "path", "paths")} match`
              : plural(entry.propertyCount, "path", "paths")}
          </span>
        </span>
      </button>
      {open && (
        <div id={bodyId} className="border-t border-gray-100 px-5 pb-4 pt-3">
          <ul aria-label="Sources" className="flex flex-wrap gap-2 text-xs">
            {entry.sources.map((s) => (
              <li key={s.sourceId} className="rounded-md border border-gray-200 px-2.5 py-1.5">
                <span className="font-medium text-gray-900">{s.sourceName ?? "A deleted source"}</span>
                <span className="text-gray-500">
                  {" "}
                  · {plural(s.total, "event", "events")} · last <RelativeTime date={s.lastSeen} /> ·{" "}
                </span>
                <Link href={eventsLink(entry, s.sourceId)} className="text-blue-700 hover:underline">
                  View events
                </Link>
              </li>
            ))}
            {entry.sources.length > 1 && (
              <li className="self-center">
                <Link href={eventsLink(entry)} className="font-medium text-blue-700 hover:underline">
                  View events from all sources
                </Link>
              </li>
            )}
          </ul>
          <PropertyTable entry={entry} showEnvelope={showEnvelope || searching} />
          {!searching && hasData && envelopeCount > 0 && (
            <button
              type="button"
              onClick={() => setShowEnvelope((v) => !v)}
              className="mt-2 text-xs font-medium text-blue-700 hover:underline"
            >
              {showEnvelope ? "Hide" : "Show"}{" "}
              {plural(envelopeCount, "message and context field", "message and context fields")} (ids, timestamps,
              context…)
            </button>
          )}
        </div>
      )}
    </Card>
  );
}
