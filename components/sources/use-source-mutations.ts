"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { rememberWriteKey } from "./use-write-key";

/** The source's update, rotate and reveal mutations; a rotated or revealed key is remembered for the send instructions. */
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
    rotate: useMutation(
      trpc.sources.rotateWriteKey.mutationOptions({
        onSuccess: ({ writeKey }) => {
          rememberWriteKey(queryClient, sourceId, writeKey);
          return refresh();
        },
      }),
    ),
    reveal: useMutation(
      trpc.sources.revealWriteKey.mutationOptions({
        onSuccess: ({ writeKey }) => rememberWriteKey(queryClient, sourceId, writeKey),
      }),
    ),
  };
}
