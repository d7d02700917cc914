"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, TextInput } from "@tremor/react";
import { Search } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useTRPC } from "../trpc/client";
import { EVENT_TYPE_OPTIONS } from "../events/event-labels";
import { ErrorText } from "../ui/error-text";
import { CatalogEventCard } from "./catalog-event-card";

const number = new Intl.NumberFormat("en-GB");
const selectClass = "mt-1 block rounded-md border border-gray-300 bg-white px-2 py-2 text-sm";
const keyOf = (e: { eventType: string; eventName: string }) => `${e.eventType}:${e.eventName}`;

/**
 * The observed event schemas of the workspace: one line per event name (its sources inside), folded by
 * default so the whole catalog fits on a screen or two; a search opens what it matches.
 */
export function CatalogView() {
  const trpc = useTRPC();
  const [sourceId, setSourceId] = useState("");
  const [type, setType] = useState("");
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  // Matches of a search start open; these are the ones folded again by hand (forgotten with the search).
  const [foldedMatches, setFoldedMatches] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const timer = setTimeout(() => {
      setSearch(typed.trim());
      setFoldedMatches(new Set());
    }, 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const sources = useQuery(trpc.sources.list.queryOptions());
  const catalog = useQuery({
    ...trpc.catalog.list.queryOptions({
      sourceId: sourceId || undefined,
      type: (type || undefined) as (typeof EVENT_TYPE_OPTIONS)[number] | undefined,
      search: search || undefined,
    }),
    placeholderData: keepPreviousData,
  });
  const events = catalog.data?.events ?? [];
  const total = events.reduce((sum, e) => sum + e.total, 0);
  // While searching, every match starts open: the matching paths are what was asked for.
  const isOpen = (key: string) => (search ? !foldedMatches.has(key) : open.has(key));
  const flip = (prev: ReadonlySet<string>, key: string) => {
    const next = new Set(prev);
    if (!next.delete(key)) next.add(key);
    return next;
  };
  const toggle = (key: string) =>
    search ? setFoldedMatches((prev) => flip(prev, key)) : setOpen((prev) => flip(prev, key));

  return (
    <div className="space-y-4">
      <Card>
        <div className="flex flex-wrap items-end gap-3">
          <label className="text-sm">
            Source
            <select
              aria-label="Source"
              value={sourceId}
              onChange={(e) => setSourceId(e.target.value)}
              className={selectClass}
            >
              <option value="">All sources</option>
              {sources.data?.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            Type
            <select aria-label="Type" value={type} onChange={(e) => setType(e.target.value)} className={selectClass}>
              <option value="">All types</option>
              {EVENT_TYPE_OPTIONS.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <label className="text-sm">
            Search
            <TextInput
              icon={Search}
              value={typed}
              onValueChange={setTyped}
              placeholder="event or property path, e.g. price"
              className="mt-1 w-72"
              aria-label="Search the catalog"
            />
          </label>
          {catalog.data && events.length > 0 && (
            <div className="ml-auto flex items-center gap-3 text-sm text-gray-500">
              <span data-testid="catalog-summary">
                {events.length} {events.length === 1 ? "event" : "events"} · {number.format(total)} observed
              </span>
              {!search && (
                <>
                  <button
                    type="button"
                    className="font-medium text-blue-700 hover:underline"
                    onClick={() => setOpen(new Set(events.map(keyOf)))}
                  >
                    Expand all
                  </button>
                  <button
                    type="button"
                    className="font-medium text-blue-700 hover:underline disabled:text-gray-400"
                    disabled={open.size === 0}
                    onClick={() => setOpen(new Set())}
                  >
                    Collapse all
                  </button>
                </>
              )}
            </div>
          )}
        </div>
        <div className="mt-3">
          <ErrorText error={catalog.error} />
        </div>
        {catalog.data?.truncated && (
          <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">
            The catalog is large: only part of it is shown. Narrow it with a source, a type or a search.
          </p>
        )}
      </Card>
      {catalog.isLoading && <p className="text-sm text-gray-500">Loading the catalog…</p>}
      {catalog.data && events.length === 0 && (
        <Card className="py-10 text-center">
          {search || sourceId || type ? (
            <>
              <p className="font-medium text-gray-900">Nothing matches{search ? ` “${search}”` : ""}.</p>
              <p className="mt-1 text-sm text-gray-500">Try another search, or all sources and types.</p>
            </>
          ) : (
            <>
              <p className="font-medium text-gray-900">No events observed yet</p>
              <p className="mx-auto mt-1 max-w-md text-sm text-gray-500">
                The catalog fills itself as events arrive: every event name and property path, with its types. Send a
                first event from a{" "}
                <Link href="/sources" className="text-blue-700 hover:underline">
                  source
                </Link>
                .
              </p>
            </>
          )}
        </Card>
      )}
      <div className={`space-y-2 transition-opacity ${catalog.isPlaceholderData ? "opacity-60" : ""}`}>
        {events.map((entry) => (
          <CatalogEventCard
            key={keyOf(entry)}
            entry={entry}
            open={isOpen(keyOf(entry))}
            onToggle={() => toggle(keyOf(entry))}
            searching={Boolean(search)}
          />
        ))}
      </div>
    </div>
  );
}
