"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button, Card, TextInput } from "@tremor/react";
import { useMemo, useState } from "react";
import type { EventType } from "@/db/schema/events";
import type { EventCursor } from "@/server/events/schema";
import { EVENT_TYPE_OPTIONS } from "../events/event-labels";
import { EventTable } from "../events/event-table";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";

const PAGE_SIZE = 25;

/** The profile's events across all its identifiers, newest first, filtered by type and name. */
export function ProfileTimeline({ profileId }: { profileId: string }) {
  const trpc = useTRPC();
  const [type, setType] = useState<EventType | undefined>();
  const [draft, setDraft] = useState("");
  const [event, setEvent] = useState<string | undefined>();
  const [cursors, setCursors] = useState<(EventCursor | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  const timeline = useQuery({
    ...trpc.profiles.timeline.queryOptions({ profileId, type, event, before: cursors[page], limit: PAGE_SIZE }),
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
            setCursors([undefined]);
          }}
        >
          <select
            aria-label="Event type"
            value={type ?? ""}
            onChange={(e) => {
              setType((e.target.value || undefined) as EventType | undefined);
              setCursors([undefined]);
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
      {(page > 0 || timeline.data?.nextCursor) && (
        <div className="mt-4 flex justify-end gap-2 text-sm">
          <button
            type="button"
            disabled={page === 0}
            onClick={() => setCursors((c) => c.slice(0, -1))}
            className="rounded border px-3 py-1 disabled:opacity-40"
          >
            Newer
          </button>
          <button
            type="button"
            disabled={!timeline.data?.nextCursor || timeline.isPlaceholderData}
            onClick={() => setCursors((c) => [...c, timeline.data?.nextCursor ?? undefined])}
            className="rounded border px-3 py-1 disabled:opacity-40"
          >
            Older
          </button>
        </div>
      )}
    </Card>
  );
}
