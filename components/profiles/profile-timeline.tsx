"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button, Card, TextInput } from "@tremor/react";
import { useMemo, useState } from "react";
import type { EventType } from "@/db/schema/events";
import type { EventCursor } from "@/server/events/schema";
import { EVENT_TYPE_OPTIONS } from "../events/event-labels";
import { EventTable } from "../events/event-table";
import { useTRPC } from "../trpc/client";
import { CursorPager, useCursorPages } from "../ui/cursor-pager";
import { ErrorText } from "../ui/error-text";

const PAGE_SIZE = 25;

/** The profile's events across all its identifiers, newest first, filtered by type and name. */
export function ProfileTimeline({ profileId }: { profileId: string }) {
  const trpc = useTRPC();
  const [type, setType] = useState<EventType | undefined>();
  const [draft, setDraft] = useState("");
  const [event, setEvent] = useState<string | undefined>();
  const pages = useCursorPages<EventCursor>();
  const timeline = useQuery({
    ...trpc.profiles.timeline.queryOptions({ profileId, type, event, before: pages.cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const sources = useQuery(trpc.sources.list.queryOptions());
  const sourceNames = useMemo(() => new Map(sources.data?.map((s) => [s.id, s.name])), [sources.data]);
  const items = timeline.data?.events ?? [];

  return (
    <Card>
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <h2 className="font-medium">Timeline</h2>
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setEvent(draft.trim() || undefined);
            pages.reset();
          }}
        >
          <select
            aria-label="Event type"
            value={type ?? ""}
            onChange={(e) => {
              setType((e.target.value || undefined) as EventType | undefined);
              pages.reset();
            }}
            className="rounded-md border border-gray-300 bg-white px-2 py-2 text-sm"
          >
            <option value="">All types</option>
            {EVENT_TYPE_OPTIONS.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
          <TextInput
            value={draft}
            onValueChange={setDraft}
            placeholder="Event name"
            aria-label="Event name"
            className="w-48"
          />
          <Button type="submit" variant="secondary">
            Filter
          </Button>
        </form>
      </div>
      <ErrorText error={timeline.error} />
      {timeline.data && items.length === 0 && (
        <p className="py-6 text-center text-sm text-gray-500">
          No events {type || event ? "match these filters" : "yet"}.
        </p>
      )}
      {items.length > 0 && <EventTable items={items} sourceNames={sourceNames} />}
      <CursorPager pages={pages} next={timeline.data?.nextCursor} busy={timeline.isPlaceholderData} />
    </Card>
  );
}
