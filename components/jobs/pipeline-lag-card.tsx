"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { GitCommitHorizontal } from "lucide-react";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { Pill } from "../ui/pill";
import { RelativeTime } from "../ui/relative-time";

const count = new Intl.NumberFormat("en-US");
/** Events waiting this briefly are the pipeline keeping up (a step runs every moment), not falling behind. */
const KEEPING_UP_MS = 10_000;

function status(consumer: { behind: number; oldestWaitingSince: Date | null }) {
  if (consumer.behind === 0) return <Pill tone="emerald">Caught up</Pill>;
  const waited = Date.now() - (consumer.oldestWaitingSince?.getTime() ?? Date.now());
  if (waited < KEEPING_UP_MS) return <Pill tone="emerald">Keeping up</Pill>;
  return <Pill tone="amber">Behind</Pill>;
}

/**
 * The event pipeline's lag for the workspace: per consumer (identity resolution, the event catalog …), how
 * many events wait for it and since when, or that it has caught up. Polled, like the jobs list.
 */
export function PipelineLagCard() {
  const trpc = useTRPC();
  const lag = useQuery({ ...trpc.jobs.pipelineLag.queryOptions(), refetchInterval: 3_000 });

  return (
    <Card data-testid="pipeline-lag">
      <div className="mb-3 flex items-start gap-3">
        <GitCommitHorizontal aria-hidden className="mt-0.5 h-5 w-5 shrink-0 text-gray-400" />
        <div>
          <h2 className="font-medium">Event pipeline</h2>
          <p className="text-sm text-gray-500">
            Every stored event passes through these steps in the background. A step that falls behind delays what
            depends on it (profiles, the event catalog), never loses events.
          </p>
        </div>
      </div>
      <ErrorText error={lag.error} />
      <Table>
        <TableHead>
          <TableRow>
            <TableHeaderCell>Step</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell className="text-right">Events waiting</TableHeaderCell>
            <TableHeaderCell>Oldest waiting since</TableHeaderCell>
            <TableHeaderCell>Last progress</TableHeaderCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {lag.data?.consumers.map((consumer) => (
            <TableRow key={consumer.id} data-testid={`pipeline-lag-${consumer.id}`}>
              <TableCell className="font-medium text-gray-900">{consumer.name}</TableCell>
              <TableCell>{status(consumer)}</TableCell>
              <TableCell className="text-right tabular-nums text-sm">
                {count.format(consumer.behind)}
                {consumer.atLeast && "+"}
              </TableCell>
              <TableCell className="text-sm text-gray-500">
                {consumer.oldestWaitingSince ? <RelativeTime date={consumer.oldestWaitingSince} /> : "—"}
              </TableCell>
              <TableCell className="text-sm text-gray-500">
                {consumer.lastAdvancedAt ? <RelativeTime date={consumer.lastAdvancedAt} /> : "not yet started"}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
