"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, TextInput } from "@tremor/react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { CatalogEventCard } from "./catalog-event-card";

const number = new Intl.NumberFormat();

/** The observed event schemas of the workspace: one card per source and event, searchable by path. */
export function CatalogView() {
  const trpc = useTRPC();
  const [sourceId, setSourceId] = useState("");
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);

  const sources = useQuery(trpc.sources.list.queryOptions());
  const catalog = useQuery({
    ...trpc.catalog.list.queryOptions({ sourceId: sourceId || undefined, search: search || undefined }),
    placeholderData: keepPreviousData,
  });
  const events = catalog.data?.events ?? [];
  const total = events.reduce((sum, e) => sum + e.total, 0);

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
              className="mt-1 block rounded-md border border-gray-300 bg-white px-2 py-2 text-sm"
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
            Search
            <TextInput value={typed} onValueChange={setTyped} placeholder="property path or event, e.g. price" className="mt-1 w-72" aria-label="Search paths" />
          </label>
          {catalog.data && events.length > 0 && (
            <p className="ml-auto text-sm text-gray-500">
              {events.length} {events.length === 1 ? "event" : "events"} · {number.format(total)} observed
            </p>
          )}
        </div>
        <div className="mt-3">
          <ErrorText error={catalog.error} />
        </div>
        {catalog.data?.truncated && (
          <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">The catalog is large: only part of it is shown. Narrow it with a source or a search.</p>
        )}
      </Card>
      {catalog.isLoading && <p className="text-sm text-gray-500">Loading the catalog…</p>}
      {catalog.data && events.length === 0 && (
        <Card className="py-10 text-center">
          {search || sourceId ? (
            <p className="font-medium text-gray-900">Nothing matches{search ? ` “${search}”` : ""}.</p>
          ) : (
            <>
              <p className="font-medium text-gray-900">No events observed yet</p>
              <p className="mx-auto mt-1 max-w-md text-sm text-gray-500">
                The catalog fills itself as events arrive: every event name and property path, with its types. Send a first event from a{" "}
                <Link href="/sources" className="text-blue-700 hover:underline">
                  source
                </Link>
                .
              </p>
            </>
          )}
        </Card>
      )}
      <div className={`space-y-4 transition-opacity ${catalog.isPlaceholderData ? "opacity-60" : ""}`}>
        {events.map((entry) => (
          <CatalogEventCard key={`${entry.eventType}:${entry.eventName}`} entry={entry} expandAll={Boolean(search)} />
        ))}
      </div>
    </div>
  );
}
