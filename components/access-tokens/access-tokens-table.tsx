"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { KeyRound, Terminal } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { DateTime } from "../ui/date-time";
import { ErrorText } from "../ui/error-text";
import { Pill } from "../ui/pill";
import { RelativeTime } from "../ui/relative-time";
import { SCOPE_INFO } from "./scope-info";
import { RevokeTokenDialog, type PendingRevocation } from "./revoke-token-dialog";

/** The workspace's access tokens, newest first, revoked ones kept for the record; revoking asks first. */
export function AccessTokensTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.accessTokens.list.queryOptions());
  const [revocation, setRevocation] = useState<PendingRevocation | null>(null);
  const revoke = useMutation(
    trpc.accessTokens.revoke.mutationOptions({
      onSuccess: async () => {
        setRevocation(null);
        await queryClient.invalidateQueries({ queryKey: trpc.accessTokens.list.queryKey() });
      },
    }),
  );

  if (tokens.data?.length === 0) {
    return (
      <Card className="py-12 text-center">
        <KeyRound aria-hidden className="mx-auto mb-3 h-10 w-10 text-gray-300" />
        <p className="font-medium text-gray-900">No access tokens yet</p>
        <p className="mx-auto mt-1 max-w-lg text-sm text-gray-500">
          An access token lets one of your servers read profiles through the Profile API — a visitor&apos;s traits,
          recent events and identifiers — to personalise a page or an email in real time. Create one with “New token”
          for each service, so each can be revoked on its own.
        </p>
      </Card>
    );
  }

  return (
    <Card>
      <ErrorText error={tokens.error} />
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Scopes</TableHeaderCell>
            <TableHeaderCell>Created by</TableHeaderCell>
            <TableHeaderCell>Created</TableHeaderCell>
            <TableHeaderCell>Last used</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell className="text-right">Actions</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {tokens.data?.map((t) => (
            <TableRow key={t.id} data-testid="token-row" className={t.status === "revoked" ? "text-gray-400" : ""}>
              <TableCell>
                <div className={`font-medium ${t.status === "revoked" ? "text-gray-500" : "text-gray-900"}`}>
                  {t.name}
                </div>
                <div className="font-mono text-xs text-gray-500">{t.tokenPrefix}…</div>
              </TableCell>
              <TableCell>
                <div className="flex flex-wrap gap-1">
                  {t.scopes.map((scope) => (
                    <Pill key={scope} tone="blue" title={SCOPE_INFO[scope]?.description}>
                      {scope}
                    </Pill>
                  ))}
                </div>
              </TableCell>
              <TableCell className="text-sm text-gray-600">
                {t.createdBy ?? (
                  <span className="inline-flex items-center gap-1 text-gray-500">
                    <Terminal aria-hidden className="h-3.5 w-3.5" />
                    Command line
                  </span>
                )}
              </TableCell>
              <TableCell className="text-sm text-gray-500">
                <DateTime date={t.createdAt} />
              </TableCell>
              <TableCell className="text-sm text-gray-500">
                {t.lastUsedAt ? <RelativeTime date={t.lastUsedAt} /> : <span className="text-gray-400">Never</span>}
              </TableCell>
              <TableCell>
                {t.status === "active" ? (
                  <Pill tone="emerald">Active</Pill>
                ) : (
                  <div>
                    <Pill tone="gray">Revoked</Pill>
                    {t.revokedAt && <RelativeTime date={t.revokedAt} className="mt-0.5 block text-xs text-gray-500" />}
                  </div>
                )}
              </TableCell>
              <TableCell className="text-right">
                {t.status === "active" && (
                  <button
                    type="button"
                    className="text-sm text-red-600 hover:underline"
                    aria-label={`Revoke ${t.name}`}
                    onClick={() => {
                      revoke.reset();
                      setRevocation({ id: t.id, name: t.name, tokenPrefix: t.tokenPrefix });
                    }}
                  >
                    Revoke
                  </button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {tokens.isLoading && <p className="p-4 text-sm text-gray-500">Loading tokens…</p>}
      <RevokeTokenDialog
        revocation={revocation}
        pending={revoke.isPending}
        error={revoke.error}
        onCancel={() => setRevocation(null)}
        onConfirm={(r) => revoke.mutate({ tokenId: r.id })}
      />
    </Card>
  );
}
