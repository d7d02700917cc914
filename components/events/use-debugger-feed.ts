"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { EventView } from "@/server/events/present-event";
import type { EventCursor } from "@/server/events/schema";
import { useTRPC } from "../trpc/client";

/** Rows kept on screen; older ones drop off the bottom. */
const KEEP = 200;
const POLL_MS = 2_000;

export interface LiveFeed {
  items: EventView[];
  cursor: EventCursor | null;
  /** Ids that arrived with the latest poll (highlighted). */
  fresh: ReadonlySet<string>;
}

/**
 * A source's live debugger feed: polls every two seconds for rows newer than the newest seen and keeps
 * them newest first. While `paused`, nothing is fetched. `clear()` empties the list and keeps the cursor.
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
      const known = new Set(previous?.items.map((i) => i.id));
      const added = page.items.filter((i) => !known.has(i.id));
      return {
        items: [...added, ...(previous?.items ?? [])].slice(0, KEEP),
        cursor: page.cursor ?? previous?.cursor ?? null,
        fresh: previous ? new Set(added.map((i) => i.id)) : new Set(),
      };
    },
    refetchInterval: paused ? false : POLL_MS,
    staleTime: Infinity,
  });

  const clear = () => queryClient.setQueryData<LiveFeed>(queryKey, (feed) => feed && { items: [], cursor: feed.cursor, fresh: new Set() });
  return { ...query, clear };
}
