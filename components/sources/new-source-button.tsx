"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Dialog, DialogPanel, TextInput } from "@tremor/react";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { PublicSource } from "@/server/sources/public-source";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { SOURCE_TYPES, SOURCE_TYPE_INFO } from "./source-types";
import { SourceCreatedDialog, type CreatedSource } from "./source-created-dialog";
import { rememberWriteKey } from "./use-write-key";

/** "New source": name and type, then what to do next (for an http source, its write key, also filled into its send instructions). */
export function NewSourceButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [formOpen, setFormOpen] = useState(false);
  const [type, setType] = useState<PublicSource["type"]>("http");
  const [created, setCreated] = useState<CreatedSource | null>(null);
  const create = useMutation(
    trpc.sources.create.mutationOptions({
      onSuccess: async ({ source, writeKey }) => {
        setFormOpen(false);
        if (source.type === "http") rememberWriteKey(queryClient, source.id, writeKey);
        setCreated({ id: source.id, type: source.type, writeKey });
        await queryClient.invalidateQueries({ queryKey: trpc.sources.list.queryKey() });
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: String(new FormData(event.currentTarget).get("name") ?? ""), type });
  }

  return (
    <>
      <Button
        icon={Plus}
        onClick={() => {
          create.reset();
          setFormOpen(true);
        }}
      >
        New source
      </Button>
      <Dialog open={formOpen} onClose={() => setFormOpen(false)} aria-labelledby="new-source-title">
        <DialogPanel className="max-w-lg">
          <h2 id="new-source-title" className="text-lg font-semibold text-gray-900">
            New source
          </h2>
          <form onSubmit={submit} className="mt-4 space-y-4">
            <label className="block text-sm font-medium text-gray-700">
              Name
              <TextInput name="name" required autoFocus placeholder="e.g. Website, iOS app, Shopify" className="mt-1" />
            </label>
            <fieldset>
              <legend className="text-sm font-medium text-gray-700">Type</legend>
              <div className="mt-1 space-y-2">
                {SOURCE_TYPES.map((t) => (
                  <label
                    key={t}
                    className={`flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 ${type === t ? "border-blue-500 bg-blue-50" : "border-gray-200 hover:bg-gray-50"}`}
                  >
                    <input
                      type="radio"
                      name="type"
                      value={t}
                      checked={type === t}
                      onChange={() => setType(t)}
                      className="mt-1"
                    />
                    <span>
                      <span className="block text-sm font-medium text-gray-900">{SOURCE_TYPE_INFO[t].label}</span>
                      <span className="block text-xs text-gray-500">{SOURCE_TYPE_INFO[t].description}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <ErrorText error={create.error} />
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={() => setFormOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create source
              </Button>
            </div>
          </form>
        </DialogPanel>
      </Dialog>
      <SourceCreatedDialog
        created={created}
        onClose={() => {
          if (created) router.push(`/sources/${created.id}`);
          setCreated(null);
        }}
      />
    </>
  );
}
