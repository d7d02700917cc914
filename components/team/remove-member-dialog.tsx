"use client";

import { Button, Dialog, DialogPanel } from "@tremor/react";
import { TriangleAlert } from "lucide-react";
import type { Role } from "@/server/auth/permissions";
import { ErrorText } from "../ui/error-text";
import type { RoleGuide } from "./role-options";

export interface PendingRemoval {
  userId: string;
  who: string;
  role: Role;
  self: boolean;
}

/** Confirms a removal: who, what they can do today and lose, and that their account stays; a warning when you remove yourself. */
export function RemoveMemberDialog(props: {
  removal: PendingRemoval | null;
  guide: RoleGuide;
  workspaceName: string;
  pending: boolean;
  error: { message: string } | null;
  onCancel: () => void;
  onConfirm: (removal: PendingRemoval) => void;
}) {
  const { removal, guide, workspaceName, pending, error, onCancel, onConfirm } = props;
  if (!removal) return null;
  const role = guide[removal.role];

  return (
    <Dialog open onClose={onCancel} aria-labelledby="remove-member-title">
      <DialogPanel className="max-w-xl">
        <h2 id="remove-member-title" className="text-lg font-semibold text-gray-900">
          {removal.self ? `Leave ${workspaceName}?` : `Remove ${removal.who} from ${workspaceName}?`}
        </h2>
        {removal.self && (
          <p className="mt-3 flex gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            <TriangleAlert aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
            You will lose access to this workspace at once. Only an owner or admin can add you back.
          </p>
        )}
        <p className="mt-3 text-sm text-gray-600">
          {removal.self ? "You" : removal.who} ({role.label}) will no longer be able to:
        </p>
        <ul className="mt-1 list-disc pl-5 text-sm text-gray-600">
          {role.can.map((right) => (
            <li key={right}>{right}</li>
          ))}
        </ul>
        <p className="mt-3 text-sm text-gray-500">
          The account itself stays, with its other workspaces, and can be added here again.
        </p>
        <div className="mt-3">
          <ErrorText error={error} />
        </div>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button color="red" loading={pending} onClick={() => onConfirm(removal)}>
            {removal.self ? "Leave workspace" : "Remove member"}
          </Button>
        </div>
      </DialogPanel>
    </Dialog>
  );
}
