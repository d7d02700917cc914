"use client";

import { Button, Dialog, DialogPanel } from "@tremor/react";
import { FileUp, ShieldCheck } from "lucide-react";
import { useSyncExternalStore } from "react";
import type { PublicSource } from "@/server/sources/public-source";
import { CopyButton } from "../ui/copy-button";
import { WriteKeyDialog } from "./write-key-dialog";

export interface CreatedSource {
  id: string;
  type: PublicSource["type"];
  writeKey: string;
}

/**
 * What to do next with a source just created, by type: an http source's write key; a webhook source's
 * address and signing; a file source's upload. Only http sources send with a write key.
 */
export function SourceCreatedDialog({ created, onClose }: { created: CreatedSource | null; onClose: () => void }) {
  const origin = useSyncExternalStore(
    () => () => {},
    () => window.location.origin,
    () => "",
  );
  if (created?.type === "http" || !created) {
    return (
      <WriteKeyDialog
        title="Source created"
        writeKey={created?.writeKey ?? null}
        closeLabel="I have saved it — open the source"
        onClose={onClose}
      />
    );
  }
  const url = `${origin}/api/webhooks/${created.id}`;
  return (
    <Dialog open onClose={() => {}} aria-labelledby="source-created-title">
      <DialogPanel className="max-w-lg">
        <h2 id="source-created-title" className="text-lg font-semibold text-gray-900">
          Source created
        </h2>
        {created.type === "webhook" ? (
          <>
            <p className="mt-2 text-sm text-gray-600">
              Paste this address into the other tool&apos;s webhook settings:
            </p>
            <div className="mt-3 flex items-center gap-2">
              <code
                data-testid="created-webhook-url"
                className="min-w-0 flex-1 select-all break-all rounded-md border border-gray-200 bg-gray-50 px-3 py-2 font-mono text-sm"
              >
                {url}
              </code>
              <CopyButton text={url} label="Copy URL" />
            </div>
            <p className="mt-4 flex gap-2 text-sm text-gray-600">
              <ShieldCheck aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-gray-500" />
              To have every delivery verified, set the tool&apos;s Standard Webhooks signing secret on the source&apos;s
              page; then write the mapping that turns its payloads into events.
            </p>
          </>
        ) : (
          <p className="mt-3 flex gap-2 text-sm text-gray-600">
            <FileUp aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-gray-500" />
            Upload a CSV or NDJSON file on the source&apos;s page: map its columns, and its rows become events.
            Importing the same file again adds only the rows not imported before.
          </p>
        )}
        <div className="mt-6 flex justify-end">
          <Button onClick={onClose}>Open the source</Button>
        </div>
      </DialogPanel>
    </Dialog>
  );
}
