"use client";

import { Button, Card } from "@tremor/react";
import { useState, type ReactNode } from "react";
import { ErrorText } from "../ui/error-text";
import { EventTable } from "./event-table";
import { useDebuggerFeed } from "./use-debugger-feed";

/**
 * A source's latest events, accepted and refused, newest first, updating by itself every two seconds.
 * `emptyHint` tells how to send a first event to this kind of source.
 */
export function LiveDebugger({ sourceId, emptyHint }: { sourceId: string; emptyHint: ReactNode }) {
  const [paused, setPaused] = useState(false);
  const feed = useDebuggerFeed(sourceId, paused);
  const items = feed.data?.items ?? [];
  const rejected = items.filter((i) => i.status === "rejected").length;

  return (
    <Card data-testid="live-debugger">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="flex items-center gap-2 font-medium">
            Live debugger
            <span
              aria-hidden
              className={`inline-block h-2 w-2 rounded-full ${paused ? "bg-gray-300" : "animate-pulse bg-emerald-500"}`}
            />
          </h2>
          <p className="mt-0.5 text-sm text-gray-500" data-testid="debugger-status">
            {paused
              ? "Paused — new events are not fetched until you resume."
              : "Live — checks for new events every 2 seconds. Click a row to see its JSON."}
          </p>
        </div>
        <div className="flex items-center gap-2">
          {items.length > 0 && (
            <span className="text-xs text-gray-500">
              {items.length} shown{rejected > 0 && <span className="text-red-600"> · {rejected} rejected</span>}
            </span>
          )}
          <Button variant="secondary" size="xs" onClick={feed.clear} disabled={items.length === 0}>
            Clear
          </Button>
          <Button
            size="xs"
            variant={paused ? "primary" : "secondary"}
            onClick={() => {
              setPaused((p) => !p);
              if (paused) void feed.refetch();
            }}
          >
            {paused ? "Resume" : "Pause"}
          </Button>
        </div>
      </div>
      <div className="mt-3">
        <ErrorText error={feed.error} />
      </div>
      {feed.isLoading && <p className="py-6 text-center text-sm text-gray-500">Loading the latest events…</p>}
      {feed.data && items.length === 0 && (
        <div className="mt-3 rounded-md border border-dashed border-gray-300 px-6 py-8 text-center">
          {feed.data.cleared ? (
            <p className="font-medium text-gray-900">Cleared — new events will appear here</p>
          ) : (
            <>
              <p className="font-medium text-gray-900">No events yet</p>
              <div className="mt-1 text-sm text-gray-500">{emptyHint}</div>
            </>
          )}
          {!paused && <p className="mt-3 text-xs text-gray-400">Waiting for events…</p>}
        </div>
      )}
      {items.length > 0 && (
        <div className="mt-2 max-h-[40rem] overflow-y-auto">
          <EventTable items={items} fresh={feed.data?.fresh} />
        </div>
      )}
    </Card>
  );
}
