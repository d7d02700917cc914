"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { EventView } from "@/server/events/present-event";
import type { EventCursor } from "@/server/events/schema";
import { useTRPC } from "../trpc/client";

/** Rows kept on screen; older ones drop off the bottom. */
const KEEP = 200;
const POLL_MS = 2_000;
/** Ids remembered so a poll's look-back (rows that committed late) never shows a row twice, even after clear(). */
const REMEMBER = 2_000;

export interface LiveFeed {
  items: EventView[];
  cursor: EventCursor | null;
  /** Ids that arrived with the latest poll (highlighted). */
  fresh: ReadonlySet<string>;
  /** Ids already shown, newest first. */
  seen: string[];
  /** The list was emptied by clear() (an empty feed is otherwise a source with no events yet). */
  cleared: boolean;
}

const newestFirst = (a: EventView, b: EventView) =>
  new Date(b.receivedAt).getTime() - new Date(a.receivedAt).getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * A source's live debugger feed: polls every two seconds for rows since the newest seen (the server also
 * returns rows that committed late, received shortly before it) and keeps the new ones, newest first. While
 * `paused`, nothing is fetched. `clear()` empties the list and keeps the cursor.
 */
export function useDebuggerFeed(sourceId: string, paused: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queryKey = ["events.debuggerFeed.live", sourceId] as const;

  const query = useQuery({
    queryKey,
    queryFn: async (): Promise<LiveFeed> => {
      const previous = queryClient.getQueryData<LiveFeed>(queryKey);
      const page = await queryClient.fetchQuery({
        ...trpc.events.debuggerFeed.queryOptions({ sourceId, after: previous?.cursor ?? undefined }),
        staleTime: 0,
        gcTime: 0,
      });
      const seen = new Set(previous?.seen);
      const added = page.items.filter((i) => !seen.has(i.id));
      return {
        items: [...added, ...(previous?.items ?? [])].sort(newestFirst).slice(0, KEEP),
        cursor: page.cursor ?? previous?.cursor ?? null,
        fresh: previous ? new Set(added.map((i) => i.id)) : new Set(),
        seen: [...added.map((i) => i.id), ...(previous?.seen ?? [])].slice(0, REMEMBER),
        cleared: previous?.cleared ?? false,
      };
    },
    refetchInterval: paused ? false : POLL_MS,
    staleTime: Infinity,
  });

  const clear = () =>
    queryClient.setQueryData<LiveFeed>(
      queryKey,
      (feed) => feed && { ...feed, items: [], fresh: new Set(), cleared: true },
    );
  return { ...query, clear };
}
