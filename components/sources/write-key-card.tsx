"use client";

import { Button, Card, Dialog, DialogPanel } from "@tremor/react";
import { Eye, KeyRound, RotateCw } from "lucide-react";
import { useState } from "react";
import type { PublicSource } from "@/server/sources/public-source";
import { CopyButton } from "../ui/copy-button";
import { ErrorText } from "../ui/error-text";
import { useSourceMutations } from "./use-source-mutations";
import { useWriteKey } from "./use-write-key";
import { WriteKeyDialog } from "./write-key-dialog";

/**
 * An http source's write key: its prefix for everyone; for managers, reveal (audited) and rotation
 * (confirmed, then the new key shown). A key stored before keys were kept encrypted is revealed by rotating.
 */
export function WriteKeyCard({ source, canManage }: { source: PublicSource; canManage: boolean }) {
  const { rotate, reveal } = useSourceMutations(source.id);
  const writeKey = useWriteKey(source.id);
  const [confirming, setConfirming] = useState(false);
  const [newKey, setNewKey] = useState<string | null>(null);

  return (
    <Card>
      <h2 className="flex items-center gap-2 font-medium">
        <KeyRound aria-hidden className="h-4 w-4 text-gray-500" />
        Write key
      </h2>
      <p className="mt-1 text-sm text-gray-500">
        Identifies this source to the tracking API. It is stored hashed and encrypted, never in clear.
      </p>
      {writeKey ? (
        <div className="mt-3 flex items-center gap-2">
          <code
            data-testid="revealed-write-key"
            className="min-w-0 flex-1 select-all break-all rounded-md border border-gray-200 bg-gray-50 px-3 py-2 font-mono text-sm"
          >
            {writeKey}
          </code>
          <CopyButton text={writeKey} />
        </div>
      ) : (
        <p className="mt-3 font-mono text-sm text-gray-800" data-testid="write-key-prefix">
          {source.writeKeyPrefix}…
        </p>
      )}
      {canManage ? (
        <>
          {!writeKey && !source.writeKeyRevealable && (
            <p className="mt-2 text-xs text-amber-700" data-testid="rotate-to-reveal">
              This key was stored before keys could be revealed: rotate to reveal a new one.
            </p>
          )}
          <ErrorText error={reveal.error} />
          <div className="mt-4 flex flex-wrap gap-2">
            {!writeKey && source.writeKeyRevealable && (
              <Button
                variant="secondary"
                icon={Eye}
                loading={reveal.isPending}
                onClick={() => reveal.mutate({ sourceId: source.id })}
              >
                Reveal write key
              </Button>
            )}
            <Button
              variant="secondary"
              icon={RotateCw}
              onClick={() => {
                rotate.reset();
                setConfirming(true);
              }}
            >
              Rotate write key
            </Button>
          </div>
        </>
      ) : (
        <p className="mt-2 text-xs text-gray-400">Only owners and admins can see the whole key.</p>
      )}
      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="rotate-title">
        <DialogPanel className="max-w-md">
          <h2 id="rotate-title" className="text-lg font-semibold text-gray-900">
            Rotate the write key?
          </h2>
          <p className="mt-2 text-sm text-gray-600">
            The current key (<span className="font-mono">{source.writeKeyPrefix}…</span>) stops working at once. Every
            website, app and server sending to “{source.name}” must be updated with the new key.
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
