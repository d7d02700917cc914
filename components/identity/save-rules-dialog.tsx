"use client";

import { Button, Dialog, DialogPanel } from "@tremor/react";
import { Info } from "lucide-react";
import { ErrorText } from "../ui/error-text";

/** Confirms a save: every change in a sentence, and when the new rules take effect. */
export function SaveRulesDialog(props: {
  open: boolean;
  changes: string[];
  pending: boolean;
  error: { message: string } | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { open, changes, pending, error, onCancel, onConfirm } = props;
  if (!open) return null;
  return (
    <Dialog open onClose={onCancel} aria-labelledby="save-rules-title">
      <DialogPanel className="max-w-xl">
        <h2 id="save-rules-title" className="text-lg font-semibold text-gray-900">
          Save {changes.length === 1 ? "this change" : `these ${changes.length} changes`} to the identity rules?
        </h2>
        <ul
          className="mt-3 max-h-80 list-disc space-y-1 overflow-y-auto pl-5 text-sm text-gray-700"
          data-testid="rule-changes"
        >
          {changes.map((line) => (
            <li key={line} className="[overflow-wrap:anywhere]">
              {line}
            </li>
          ))}
        </ul>
        <p className="mt-4 flex gap-2 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900">
          <Info aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          The new rules apply to events processed from now on. Profiles already stitched keep their identities and
          traits as they are.
        </p>
        <div className="mt-3">
          <ErrorText error={error} />
        </div>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button loading={pending} onClick={onConfirm}>
            Save rules
          </Button>
        </div>
      </DialogPanel>
    </Dialog>
  );
}
