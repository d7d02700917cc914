"use client";

import { Button, Dialog, DialogPanel } from "@tremor/react";
import { CopyButton } from "../ui/copy-button";

interface WriteKeyDialogProps {
  writeKey: string | null;
  title: string;
  onClose: () => void;
  /** Label of the closing button (e.g. "Open the source"). */
  closeLabel?: string;
}

/** Shows a write key right after it was created or rotated; owners and admins can reveal it again later on the source's page. */
export function WriteKeyDialog({ writeKey, title, onClose, closeLabel = "Done" }: WriteKeyDialogProps) {
  return (
    <Dialog open={writeKey !== null} onClose={() => {}} aria-labelledby="write-key-title">
      <DialogPanel className="max-w-lg">
        <h2 id="write-key-title" className="text-lg font-semibold text-gray-900">
          {title}
        </h2>
        <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          Copy this write key and keep it somewhere safe: anyone holding it can send events to this source. Owners and
          admins can reveal it again on the source&apos;s page, where the send instructions already have it filled in.
        </p>
        <div className="mt-4 flex items-center gap-2">
          <code
            data-testid="write-key"
            className="min-w-0 flex-1 select-all break-all rounded-md border border-gray-200 bg-gray-50 px-3 py-2 font-mono text-sm"
          >
            {writeKey}
          </code>
          <CopyButton text={writeKey ?? ""} />
        </div>
        <div className="mt-6 flex justify-end">
          <Button onClick={onClose}>{closeLabel}</Button>
        </div>
      </DialogPanel>
    </Dialog>
  );
}
