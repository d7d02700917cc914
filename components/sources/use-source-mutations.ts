"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";

/** The source's update and rotate mutations, refreshing the source and the list after each. */
export function useSourceMutations(sourceId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.sources.get.queryKey({ sourceId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.sources.list.queryKey() }),
    ]);
  return {
    update: useMutation(trpc.sources.update.mutationOptions({ onSuccess: refresh })),
    rotate: useMutation(trpc.sources.rotateWriteKey.mutationOptions({ onSuccess: refresh })),
  };
}
