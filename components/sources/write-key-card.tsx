"use client";

import { Button, Card, Dialog, DialogPanel } from "@tremor/react";
import { useState } from "react";
import type { PublicSource } from "@/server/sources/public-source";
import { ErrorText } from "../ui/error-text";
import { useSourceMutations } from "./use-source-mutations";
import { WriteKeyDialog } from "./write-key-dialog";

/** The write key's prefix and, for managers, rotation: confirm, then the new key shown once. */
export function WriteKeyCard({ source, canManage }: { source: PublicSource; canManage: boolean }) {
  const { rotate } = useSourceMutations(source.id);
  const [confirming, setConfirming] = useState(false);
  const [newKey, setNewKey] = useState<string | null>(null);

  return (
    <Card>
      <h2 className="font-medium">Write key</h2>
      <p className="mt-1 text-sm text-gray-500">Identifies this source to the tracking API. Only its first characters are kept in clear.</p>
      <p className="mt-3 font-mono text-sm text-gray-800" data-testid="write-key-prefix">
        {source.writeKeyPrefix}…
      </p>
      {canManage && (
        <Button
          className="mt-4"
          variant="secondary"
          onClick={() => {
            rotate.reset();
            setConfirming(true);
          }}
        >
          Rotate write key
        </Button>
      )}
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="rotate-title">
        <DialogPanel className="max-w-md">
          <h2 id="rotate-title" className="text-lg font-semibold text-gray-900">
            Rotate the write key?
          </h2>
          <p className="mt-2 text-sm text-gray-600">
            The current key (<span className="font-mono">{source.writeKeyPrefix}…</span>) stops working at once. Every website, app and server
            sending to “{source.name}” must be updated with the new key.
          </p>
          <div className="mt-3">
            <ErrorText error={rotate.error} />
          </div>
          <div className="mt-5 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={rotate.isPending}
              onClick={() =>
                rotate.mutate(
                  { sourceId: source.id },
                  {
                    onSuccess: ({ writeKey }) => {
                      setConfirming(false);
                      setNewKey(writeKey);
                    },
                  },
                )
              }
            >
              Rotate key
            </Button>
          </div>
        </DialogPanel>
      </Dialog>
      <WriteKeyDialog title="New write key" writeKey={newKey} onClose={() => setNewKey(null)} />
    </Card>
  );
}
