"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { useState } from "react";
import type { WEBHOOK_DELIVERY_STATUSES } from "@/db/schema/intake";
import { DateTime } from "../ui/date-time";
import { Pill, type Tone } from "../ui/pill";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { Pager } from "../ui/pager";

type Status = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
const STATUS: Record<Status, { label: string; tone: Tone }> = {
  mapped: { label: "Mapped", tone: "emerald" },
  mapping_failed: { label: "Mapping failed", tone: "red" },
  rejected: { label: "Events refused", tone: "amber" },
  signature_failed: { label: "Signature failed", tone: "fuchsia" },
};
const PAGE_SIZE = 20;

/** Kept headers as the mapping editor's `Name: value` lines (none for a delivery kept before headers were). */
const headerLines = (headers: Record<string, string> | null) =>
  Object.entries(headers ?? {})
    .map(([name, value]) => `${name}: ${value}`)
    .join("\n");

/** An error's sentence wraps; the expression's line and the caret under it keep their columns (scrolling when long). */
function MappingError({ text }: { text: string }) {
  const [sentence, ...excerpt] = text.split("\n");
  return (
    <div className="mt-1 font-mono text-xs text-red-700">
      <p className="break-words">{sentence}</p>
      {excerpt.length > 0 && <pre className="mt-0.5 overflow-x-auto whitespace-pre">{excerpt.join("\n")}</pre>}
    </div>
  );
}

/** Recent deliveries, newest first, with their outcome; managers can replay failed ones with the current mapping. */
export function DeliveriesTable({
  sourceId,
  canManage,
  onUseAsSample,
}: {
  sourceId: string;
  canManage: boolean;
  onUseAsSample?: (payload: string, headers: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<Status | "">("");
  const list = useQuery({
    ...trpc.webhooks.listDeliveries.queryOptions({ sourceId, page, pageSize: PAGE_SIZE, status: status || undefined }),
    refetchInterval: 5_000,
  });
  const [note, setNote] = useState<string | null>(null);
  const replay = useMutation(
    trpc.webhooks.replay.mutationOptions({
      onSuccess: (r) => {
        setNote(
          `Replayed ${r.replayed} deliver${r.replayed === 1 ? "y" : "ies"}: ${r.newEvents} new event${r.newEvents === 1 ? "" : "s"} stored${r.stillFailing ? `, ${r.stillFailing} still failing` : ""}${r.remaining ? `, ${r.remaining} more to replay` : ""}.`,
        );
        return queryClient.invalidateQueries({ queryKey: trpc.webhooks.listDeliveries.queryKey() });
      },
    }),
  );
  const sample = useMutation({
    mutationFn: (deliveryId: string) =>
      queryClient.fetchQuery(trpc.webhooks.getDelivery.queryOptions({ sourceId, deliveryId })),
    onSuccess: (d) => onUseAsSample?.(d.payloadText, headerLines(d.headers)),
  });

  return (
    <Card>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="font-medium">Deliveries</h2>
        <div className="flex items-center gap-2">
          <select
            aria-label="Delivery status"
            value={status}
            onChange={(e) => (setStatus(e.target.value as Status | ""), setPage(1))}
            className="rounded-md border border-gray-300 bg-white px-2 py-1 text-sm"
          >
            <option value="">All statuses</option>
            {(Object.keys(STATUS) as Status[]).map((s) => (
              <option key={s} value={s}>
                {STATUS[s].label}
              </option>
            ))}
          </select>
          {canManage && (
            <Button
              size="xs"
              variant="secondary"
              loading={replay.isPending && "failed" in (replay.variables ?? {})}
              onClick={() => replay.mutate({ sourceId, failed: true })}
            >
              Replay all failed
            </Button>
          )}
        </div>
      </div>
      {note && <p className="mt-2 rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{note}</p>}
      <div className="mt-2">
        <ErrorText error={list.error ?? replay.error ?? sample.error} />
      </div>
      <Table className="mt-2">
        <TableHead>
          <TableRow>
            <TableHeaderCell>Received</TableHeaderCell>
            <TableHeaderCell>Outcome</TableHeaderCell>
            <TableHeaderCell className="text-right">Actions</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {list.data?.deliveries.map((d) => (
            <TableRow key={d.id} data-testid={`delivery-${d.id}`}>
              <TableCell className="whitespace-nowrap align-top text-sm text-gray-600">
                <DateTime date={d.receivedAt} />
                {d.externalId && <div className="font-mono text-xs text-gray-400">{d.externalId}</div>}
              </TableCell>
              <TableCell className="w-full max-w-0 whitespace-normal align-top">
                <div className="flex flex-wrap items-center gap-2 text-xs text-gray-500">
                  <Pill tone={STATUS[d.status].tone}>{STATUS[d.status].label}</Pill>
                  <span>
                    {d.eventCount} event{d.eventCount === 1 ? "" : "s"}
                  </span>
                  {d.attempts > 1 && <span>· {d.attempts} attempts</span>}
                </div>
                {d.error && <MappingError text={d.error} />}
                {d.status === "signature_failed" && (
                  <p className="mt-1 text-xs text-gray-500">
                    Unverified sender: only the body&apos;s size and its first 1 KB were kept, so this delivery cannot
                    be replayed.
                  </p>
                )}
                {d.payloadPreview && (
                  <p className="mt-1 truncate font-mono text-xs text-gray-400" title={d.payloadPreview}>
                    {d.payloadPreview}
                  </p>
                )}
              </TableCell>
              <TableCell className="whitespace-nowrap text-right align-top">
                {onUseAsSample && d.payloadPreview !== null && d.status !== "signature_failed" && (
                  <button
                    type="button"
                    className="text-xs text-blue-700 hover:underline"
                    onClick={() => sample.mutate(d.id)}
                  >
                    Use as sample
                  </button>
                )}
                {canManage && d.status !== "signature_failed" && (
                  <button
                    type="button"
                    className="ml-3 text-xs text-blue-700 hover:underline disabled:opacity-40"
                    disabled={replay.isPending}
                    onClick={() => replay.mutate({ sourceId, deliveryId: d.id })}
                  >
                    Replay
                  </button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {list.isLoading && <p className="p-4 text-sm text-gray-500">Loading deliveries…</p>}
      {list.data?.total === 0 && (
        <p className="p-4 text-sm text-gray-500">
          No deliveries yet. Each payload posted to the address above is listed here, kept whatever its mapping made of
          it.
        </p>
      )}
      {list.data && list.data.total > PAGE_SIZE && (
        <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
      )}
    </Card>
  );
}
