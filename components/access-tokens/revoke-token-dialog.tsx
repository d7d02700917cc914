"use client";

import { Button, Dialog, DialogPanel } from "@tremor/react";
import { TriangleAlert } from "lucide-react";
import { ErrorText } from "../ui/error-text";

export interface PendingRevocation {
  id: string;
  name: string;
  tokenPrefix: string;
}

/** Confirms a revocation: what stops working, and that it cannot be undone. */
export function RevokeTokenDialog(props: {
  revocation: PendingRevocation | null;
  pending: boolean;
  error: { message: string } | null;
  onCancel: () => void;
  onConfirm: (revocation: PendingRevocation) => void;
}) {
  const { revocation, pending, error, onCancel, onConfirm } = props;
  if (!revocation) return null;
  return (
    <Dialog open onClose={onCancel} aria-labelledby="revoke-token-title">
      <DialogPanel className="max-w-lg">
        <h2 id="revoke-token-title" className="text-lg font-semibold text-gray-900">
          Revoke “{revocation.name}”?
        </h2>
        <p className="mt-3 flex gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <TriangleAlert aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          Every service using the token <code className="font-mono">{revocation.tokenPrefix}…</code> is refused within
          seconds (401). This cannot be undone: create a new token for them instead.
        </p>
        <div className="mt-3">
          <ErrorText error={error} />
        </div>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button color="red" loading={pending} onClick={() => onConfirm(revocation)}>
            Revoke token
          </Button>
        </div>
      </DialogPanel>
    </Dialog>
  );
}
