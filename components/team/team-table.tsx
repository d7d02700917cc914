"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { UserPlus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Role } from "@/server/auth/permissions";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { RemoveMemberDialog, type PendingRemoval } from "./remove-member-dialog";
import { RoleChangeDialog, type PendingRoleChange } from "./role-change-dialog";
import { grantableRoles, type RoleGuide } from "./role-options";
import { DateTime } from "../ui/date-time";

interface TeamTableProps {
  canManage: boolean;
  myRole: Role;
  myUserId: string;
  workspaceName: string;
  guide: RoleGuide;
}

/**
 * The members and their roles. Every role change and removal is confirmed first; afterwards the page is
 * rendered again from the server, so a caller who changed their own rights sees the console they now have.
 */
export function TeamTable({ canManage, myRole, myUserId, workspaceName, guide }: TeamTableProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.team.list.queryOptions());
  const [change, setChange] = useState<PendingRoleChange | null>(null);
  const [removal, setRemoval] = useState<PendingRemoval | null>(null);
  const applied = async () => {
    setChange(null);
    setRemoval(null);
    // The caller's own rights may have changed: refetch everything and re-render the server components.
    await queryClient.invalidateQueries();
    router.refresh();
  };
  const changeRole = useMutation(trpc.team.changeRole.mutationOptions({ onSuccess: applied }));
  const remove = useMutation(trpc.team.remove.mutationOptions({ onSuccess: applied }));
  const roles = grantableRoles(guide, myRole);
  const onlyMe = members.data?.length === 1;

  return (
    <Card>
      <ErrorText error={members.error} />
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Member</TableHeaderCell>
            <TableHeaderCell>Role</TableHeaderCell>
            <TableHeaderCell>Since</TableHeaderCell>
            {canManage && <TableHeaderCell className="text-right">Actions</TableHeaderCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {members.data?.map((m) => {
            const locked = !canManage || (m.role === "owner" && myRole !== "owner");
            const who = m.name ?? m.email;
            const self = m.userId === myUserId;
            return (
              <TableRow key={m.userId} data-testid={`member-${m.email}`}>
                <TableCell>
                  <div className="font-medium text-gray-900">
                    {who}
                    {self && <span className="ml-2 text-xs font-normal text-gray-500">(you)</span>}
                  </div>
                  {m.name && <div className="text-xs text-gray-500">{m.email}</div>}
                </TableCell>
                <TableCell>
                  {locked ? (
                    <Badge title={guide[m.role].summary}>{guide[m.role].label}</Badge>
                  ) : (
                    <select
                      aria-label={`Role of ${m.email}`}
                      title={guide[m.role].summary}
                      value={m.role}
                      disabled={changeRole.isPending}
                      onChange={(e) => {
                        changeRole.reset();
                        setChange({ userId: m.userId, who, from: m.role, to: e.target.value as Role, self });
                      }}
                      className="rounded-md border border-gray-300 bg-white px-2 py-1 text-sm"
                    >
                      {(roles.includes(m.role) ? roles : [m.role, ...roles]).map((r) => (
                        <option key={r} value={r} title={guide[r].summary}>
                          {guide[r].label} — {guide[r].tagline}
                        </option>
                      ))}
                    </select>
                  )}
                </TableCell>
                <TableCell className="text-sm text-gray-500">
                  <DateTime date={m.since} dateOnly />
                </TableCell>
                {canManage && (
                  <TableCell className="text-right">
                    {!locked && (
                      <button
                        type="button"
                        className="text-sm text-red-600 hover:underline"
                        onClick={() => {
                          remove.reset();
                          setRemoval({ userId: m.userId, who, role: m.role, self });
                        }}
                      >
                        {self ? "Leave" : "Remove"}
                      </button>
                    )}
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {members.isLoading && <p className="p-4 text-sm text-gray-500">Loading members…</p>}
      {onlyMe && (
        <div className="flex items-center gap-3 border-t border-gray-100 px-4 pt-4 text-sm text-gray-500">
          <UserPlus aria-hidden className="h-5 w-5 shrink-0 text-gray-400" />
          {canManage
            ? "You are the only member so far. Add a teammate with the form above; pick their role from the guide below."
            : "You are the only member so far. Ask an owner or admin to add your teammates."}
        </div>
      )}
      <RoleChangeDialog
        change={change}
        guide={guide}
        pending={changeRole.isPending}
        error={changeRole.error}
        onCancel={() => setChange(null)}
        onConfirm={(c) => changeRole.mutate({ userId: c.userId, role: c.to })}
      />
      <RemoveMemberDialog
        removal={removal}
        guide={guide}
        workspaceName={workspaceName}
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => setRemoval(null)}
        onConfirm={(r) => remove.mutate({ userId: r.userId })}
      />
    </Card>
  );
}
