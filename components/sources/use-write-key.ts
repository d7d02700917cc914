"use client";

import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";

/**
 * A write key this browser tab already holds (just created, rotated or revealed), kept in the query cache
 * so the source's page fills it into the send instructions. Never fetched: revealing is an explicit,
 * audited action (sources.revealWriteKey).
 */
const keyOf = (sourceId: string) => ["source-write-key", sourceId] as const;

export function rememberWriteKey(queryClient: QueryClient, sourceId: string, writeKey: string): void {
  queryClient.setQueryData(keyOf(sourceId), writeKey);
}

export function useWriteKey(sourceId: string): string | null {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: keyOf(sourceId),
    queryFn: () => queryClient.getQueryData<string>(keyOf(sourceId)) ?? null,
    enabled: false,
    staleTime: Infinity,
    gcTime: 30 * 60_000,
  });
  return query.data ?? null;
}
