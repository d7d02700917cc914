"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { Cable } from "lucide-react";
import Link from "next/link";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { Pill } from "../ui/pill";
import { RelativeTime } from "../ui/relative-time";
import { SOURCE_TYPE_INFO } from "./source-types";

export function SourcesTable({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const sources = useQuery(trpc.sources.list.queryOptions());

  if (sources.data?.length === 0) {
    return (
      <Card className="py-12 text-center">
        <Cable aria-hidden className="mx-auto mb-3 h-10 w-10 text-gray-300" />
        <p className="font-medium text-gray-900">No sources yet</p>
        <p className="mx-auto mt-1 max-w-md text-sm text-gray-500">
          A source is where customer data comes from: a website or app sending events, a tool pushing webhooks, or files
          you upload.
          {canManage
            ? " Create one with “New source”: the next step is shown right after."
            : " Ask an owner or admin to add one."}
        </p>
      </Card>
    );
  }

  return (
    <Card>
      <ErrorText error={sources.error} />
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Type</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Write key</TableHeaderCell>
            <TableHeaderCell>Created</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sources.data?.map((s) => (
            <TableRow key={s.id} data-testid={`source-${s.name}`}>
              <TableCell>
                <Link href={`/sources/${s.id}`} className="font-medium text-blue-700 hover:underline">
                  {s.name}
                </Link>
              </TableCell>
              <TableCell className="text-sm text-gray-600">{SOURCE_TYPE_INFO[s.type].label}</TableCell>
              <TableCell>{s.enabled ? <Pill tone="emerald">Enabled</Pill> : <Pill>Disabled</Pill>}</TableCell>
              <TableCell className="font-mono text-xs text-gray-600">
                {s.type === "http" ? `${s.writeKeyPrefix}…` : <span className="font-sans text-gray-400">not used</span>}
              </TableCell>
              <TableCell className="text-sm text-gray-500">
                <RelativeTime date={s.createdAt} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {sources.isLoading && <p className="p-4 text-sm text-gray-500">Loading sources…</p>}
    </Card>
  );
}
