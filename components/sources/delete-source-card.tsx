"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Dialog, DialogPanel, TextInput } from "@tremor/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { PublicSource } from "@/server/sources/public-source";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";

/** Deleting a source, confirmed by typing its name. Its events stay in the workspace. */
export function DeleteSourceCard({ source }: { source: PublicSource }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const remove = useMutation(
    trpc.sources.delete.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.sources.list.queryKey() });
        router.push("/sources");
      },
    }),
  );

  return (
    <Card className="border border-red-200">
      <h2 className="font-medium text-red-700">Delete this source</h2>
      <p className="mt-1 text-sm text-gray-500">
        {source.type === "http"
          ? "Its write key stops working."
          : source.type === "webhook"
            ? "Its webhook address stops accepting deliveries."
            : "No more files can be imported into it."}{" "}
        Events it already sent stay in the workspace.
      </p>
      <Button
        className="mt-4"
        color="red"
        variant="secondary"
        onClick={() => {
          setTyped("");
          remove.reset();
          setOpen(true);
        }}
      >
        Delete source
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="delete-title">
        <DialogPanel className="max-w-md">
          <h2 id="delete-title" className="text-lg font-semibold text-gray-900">
            Delete “{source.name}”?
          </h2>
          <p className="mt-2 text-sm text-gray-600">
            This cannot be undone. Type <strong className="font-mono">{source.name}</strong> to confirm.
          </p>
          <form
            className="mt-4 space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              remove.mutate({ sourceId: source.id, confirmName: typed });
            }}
          >
            <TextInput
              aria-label="Source name to confirm"
              value={typed}
              onValueChange={setTyped}
              autoFocus
              placeholder={source.name}
            />
            <ErrorText error={remove.error} />
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" color="red" disabled={typed.trim() !== source.name} loading={remove.isPending}>
                Delete source
              </Button>
            </div>
          </form>
        </DialogPanel>
      </Dialog>
    </Card>
  );
}
