"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card } from "@tremor/react";
import Link from "next/link";
import { useMemo, useState } from "react";
import type { EventCursor } from "@/server/events/schema";
import { useTRPC } from "../trpc/client";
import { CursorPager, useCursorPages } from "../ui/cursor-pager";
import { ErrorText } from "../ui/error-text";
import { EventFilters, type EventFilterValues } from "./event-filters";
import { EventTable } from "./event-table";

const PAGE_SIZE = 50;

/** All accepted events of the workspace, newest first, filtered, a page at a time (older / newer). */
export function EventsExplorer({ initial }: { initial: EventFilterValues }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<EventFilterValues>(initial);
  const pages = useCursorPages<EventCursor>();
  const query = useQuery({
    ...trpc.events.list.queryOptions({ ...filters, before: pages.cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const sources = useQuery(trpc.sources.list.queryOptions());
  const names = useQuery({ ...trpc.catalog.eventNames.queryOptions(), staleTime: 60_000 });
  const sourceNames = useMemo(() => new Map(sources.data?.map((s) => [s.id, s.name])), [sources.data]);
  const eventNames = names.data ?? [];
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const events = query.data?.events ?? [];

  return (
    <Card data-testid="events-explorer">
      <EventFilters
        initial={initial}
        sources={sources.data ?? []}
        eventNames={eventNames}
        onApply={(values) => {
          setFilters(values);
          pages.reset();
        }}
      />
      <div className="mt-4">
        <ErrorText error={query.error} />
      </div>
      {query.isLoading && <p className="p-4 text-sm text-gray-500">Loading events…</p>}
      {query.data && events.length === 0 && (
        <div className="mt-4 rounded-md border border-dashed border-gray-300 px-6 py-10 text-center">
          {filtered ? (
            <p className="font-medium text-gray-900">No events match these filters.</p>
          ) : (
            <>
              <p className="font-medium text-gray-900">No events yet</p>
              <p className="mt-1 text-sm text-gray-500">
                Send one with a source&apos;s write key — open a source in{" "}
                <Link href="/sources" className="text-blue-700 hover:underline">
                  Sources
                </Link>{" "}
                for a ready-to-run curl command.
              </p>
            </>
          )}
        </div>
      )}
      {events.length > 0 && (
        <div className={`mt-2 transition-opacity ${query.isPlaceholderData ? "opacity-60" : ""}`}>
          <EventTable items={events} sourceNames={sourceNames} />
        </div>
      )}
      <CursorPager
        pages={pages}
        next={query.data?.nextCursor}
        busy={query.isPlaceholderData}
        label={`Page ${pages.page + 1} · ${PAGE_SIZE} per page, newest first`}
      />
    </Card>
  );
}
