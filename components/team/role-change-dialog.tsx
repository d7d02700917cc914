"use client";

import { Button, Dialog, DialogPanel } from "@tremor/react";
import { TriangleAlert } from "lucide-react";
import type { Role } from "@/server/auth/permissions";
import { ErrorText } from "../ui/error-text";
import type { RoleGuide } from "./role-options";
import { RoleRights } from "./role-rights";

export interface PendingRoleChange {
  userId: string;
  /** The member's name or email. */
  who: string;
  from: Role;
  to: Role;
  /** The caller changing their own role. */
  self: boolean;
}

/** What a member keeps of one role in another: the rights of `from` that `to` lacks. */
const lost = (guide: RoleGuide, from: Role, to: Role) => guide[from].can.filter((r) => !guide[to].can.includes(r));

/** Confirms a role change: who, from which role to which, what the new role can and cannot do; a warning when it is you losing rights. */
export function RoleChangeDialog(props: {
  change: PendingRoleChange | null;
  guide: RoleGuide;
  pending: boolean;
  error: { message: string } | null;
  onCancel: () => void;
  onConfirm: (change: PendingRoleChange) => void;
}) {
  const { change, guide, pending, error, onCancel, onConfirm } = props;
  if (!change) return null;
  const from = guide[change.from];
  const to = guide[change.to];
  const losing = lost(guide, change.from, change.to);
  const selfDemotion = change.self && losing.length > 0;

  return (
    <Dialog open onClose={onCancel} aria-labelledby="role-change-title">
      <DialogPanel className="max-w-xl">
        <h2 id="role-change-title" className="text-lg font-semibold text-gray-900">
          {change.self ? "Change your own role?" : `Change the role of ${change.who}?`}
        </h2>
        <p className="mt-2 text-sm text-gray-600">
          {change.self ? "You go" : <>{change.who} goes</>} from <strong>{from.label}</strong> to{" "}
          <strong>{to.label}</strong>. {to.label}: {to.summary}
        </p>
        {selfDemotion ? (
          <div
            data-testid="self-demotion-warning"
            className="mt-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
          >
            <p className="flex items-center gap-2 font-semibold">
              <TriangleAlert aria-hidden className="h-4 w-4" />
              You will lose the right to:
            </p>
            <ul className="mt-1 list-disc pl-9">
              {losing.map((right) => (
                <li key={right}>{right}</li>
              ))}
            </ul>
            <p className="mt-2">
              You cannot undo this yourself: another owner or admin would have to give these rights back.
            </p>
          </div>
        ) : (
          losing.length > 0 && (
            <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
              {change.who} will no longer be able to {losing.join("; ")}.
            </p>
          )
        )}
        <div className="mt-4 rounded-md border border-gray-200 p-4">
          <RoleRights description={to} who={change.self ? `As ${to.label}, you` : `As ${to.label}, they`} />
        </div>
        <div className="mt-3">
          <ErrorText error={error} />
        </div>
        <div className="mt-5 flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button color={selfDemotion ? "red" : "blue"} loading={pending} onClick={() => onConfirm(change)}>
            {selfDemotion ? "Yes, change my role" : "Change role"}
          </Button>
        </div>
      </DialogPanel>
    </Dialog>
  );
}
