"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import type { Role } from "@/server/auth/permissions";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { ROLE_LABELS, grantableRoles } from "./role-options";

export function TeamTable({ canManage, myRole }: { canManage: boolean; myRole: Role }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = useQuery(trpc.team.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
  const changeRole = useMutation(trpc.team.changeRole.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.team.remove.mutationOptions({ onSettled: refresh }));
  const roles = grantableRoles(myRole);

  return (
    <Card>
      <ErrorText error={members.error ?? changeRole.error ?? remove.error} />
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
            return (
              <TableRow key={m.userId} data-testid={`member-${m.email}`}>
                <TableCell>
                  <div className="font-medium text-gray-900">{m.name ?? m.email}</div>
                  {m.name && <div className="text-xs text-gray-500">{m.email}</div>}
                </TableCell>
                <TableCell>
                  {locked ? (
                    <Badge>{ROLE_LABELS[m.role]}</Badge>
                  ) : (
                    <select
                      aria-label={`Role of ${m.email}`}
                      value={m.role}
                      disabled={changeRole.isPending}
                      onChange={(e) => changeRole.mutate({ userId: m.userId, role: e.target.value as Role })}
                      className="rounded-md border border-gray-300 bg-white px-2 py-1 text-sm"
                    >
                      {(roles.includes(m.role) ? roles : [m.role, ...roles]).map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  )}
                </TableCell>
                <TableCell className="text-sm text-gray-500">{m.since.toLocaleDateString()}</TableCell>
                {canManage && (
                  <TableCell className="text-right">
                    {!locked && (
                      <button
                        type="button"
                        className="text-sm text-red-600 hover:underline"
                        onClick={() => window.confirm(`Remove ${m.email} from this workspace?`) && remove.mutate({ userId: m.userId })}
                      >
                        Remove
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
    </Card>
  );
}
