"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { MyWorkspace } from "@/server/workspaces/list-my-workspaces";
import { useTRPC } from "../trpc/client";

export function WorkspaceSwitcher({ workspaces, activeId }: { workspaces: MyWorkspace[]; activeId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const switchTo = useMutation(
    trpc.workspaces.switch.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries();
        router.refresh();
      },
    }),
  );
  if (workspaces.length < 2) {
    return <p className="truncate rounded-md bg-gray-50 px-3 py-2 text-sm text-gray-600">{workspaces[0]?.name}</p>;
  }
  return (
    <label className="block text-xs text-gray-500">
      Workspace
      <select
        aria-label="Workspace"
        value={activeId}
        disabled={switchTo.isPending}
        onChange={(e) => switchTo.mutate({ workspaceId: e.target.value })}
        className="mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm text-gray-900"
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name} ({w.role})
          </option>
        ))}
      </select>
    </label>
  );
}
