"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { Play, RotateCcw, Workflow } from "lucide-react";
import { useState } from "react";
import type { JobStatus } from "@/db/schema/jobs";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { Pill, type Tone } from "../ui/pill";
import { PipelineLagCard } from "./pipeline-lag-card";
import { RelativeTime } from "../ui/relative-time";

const STATUS: Record<JobStatus, { label: string; tone: Tone }> = {
  queued: { label: "Queued", tone: "blue" },
  running: { label: "Running", tone: "violet" },
  failed: { label: "Failed, will retry", tone: "amber" },
  dead: { label: "Dead", tone: "red" },
  succeeded: { label: "Succeeded", tone: "emerald" },
};
const FILTERS: (JobStatus | undefined)[] = [undefined, "queued", "running", "failed", "dead", "succeeded"];

/**
 * Background work of the workspace and the installation: the event pipeline's lag, then jobs — status
 * counts, the latest runs, retry and run now.
 */
export function JobsView({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<JobStatus | undefined>();
  const list = useQuery({ ...trpc.jobs.list.queryOptions({ status }), refetchInterval: 3_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.jobs.list.pathKey() });
  const retry = useMutation(trpc.jobs.retry.mutationOptions({ onSuccess: refresh }));
  const runNow = useMutation(trpc.jobs.runNow.mutationOptions({ onSuccess: refresh }));
  const totals = list.data?.totals;

  return (
    <div className="space-y-6">
      <PipelineLagCard />
      <ErrorText error={list.error ?? retry.error ?? runNow.error} />
      <div className="flex flex-wrap gap-2" role="tablist" aria-label="Filter by status">
        {FILTERS.map((s) => (
          <button
            key={s ?? "all"}
            role="tab"
            aria-selected={status === s}
            onClick={() => setStatus(s)}
            className={`rounded-md px-3 py-1.5 text-sm ${status === s ? "bg-blue-600 text-white" : "bg-white text-gray-700 ring-1 ring-gray-200 hover:bg-gray-50"}`}
          >
            {s ? STATUS[s].label : "All"}
            {totals && (
              <span className="ml-1.5 tabular-nums opacity-75">
                {s ? totals[s] : Object.values(totals).reduce((a, b) => a + b, 0)}
              </span>
            )}
          </button>
        ))}
      </div>

      <Card>
        <h2 className="mb-3 font-medium">Kinds of job</h2>
        <ul className="divide-y divide-gray-100">
          {list.data?.kinds.map((kind) => (
            <li key={kind.name} className="flex items-center justify-between gap-4 py-2">
              <div className="min-w-0">
                <p className="font-mono text-sm">{kind.name}</p>
                <p className="text-sm text-gray-500">
                  {kind.description}
                  {kind.schedule && <span className="ml-2 text-gray-400">schedule (UTC): {kind.schedule}</span>}
                </p>
              </div>
              {canManage && (
                <Button
                  size="xs"
                  variant="secondary"
                  icon={Play}
                  loading={runNow.isPending && runNow.variables?.name === kind.name}
                  onClick={() => runNow.mutate({ name: kind.name })}
                >
                  Run now
                </Button>
              )}
            </li>
          ))}
        </ul>
      </Card>

      {list.data?.jobs.length === 0 ? (
        <Card className="py-12 text-center">
          <Workflow aria-hidden className="mx-auto mb-3 h-10 w-10 text-gray-300" />
          <p className="font-medium text-gray-900">
            {status ? `No ${STATUS[status].label.toLowerCase()} jobs` : "No jobs yet"}
          </p>
          <p className="mx-auto mt-1 max-w-md text-sm text-gray-500">
            Jobs appear here when their schedule comes round or when someone runs one.{" "}
            {canManage && "Use “Run now” above to start one."}
          </p>
        </Card>
      ) : (
        <Card>
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Job</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Attempts</TableHeaderCell>
                <TableHeaderCell>Queued</TableHeaderCell>
                <TableHeaderCell>Next run / finished</TableHeaderCell>
                <TableHeaderCell>Last error</TableHeaderCell>
                <TableHeaderCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {list.data?.jobs.map((job) => (
                <TableRow key={job.id} data-testid={`job-${job.name}`}>
                  <TableCell>
                    <p className="font-mono text-sm">{job.name}</p>
                    <p className="text-xs text-gray-500">{job.system ? "whole installation" : "this workspace"}</p>
                  </TableCell>
                  <TableCell>
                    <Pill tone={STATUS[job.status].tone}>{STATUS[job.status].label}</Pill>
                  </TableCell>
                  <TableCell className="tabular-nums text-sm">
                    {job.attempts} of {job.maxAttempts}
                  </TableCell>
                  <TableCell className="text-sm text-gray-500">
                    <RelativeTime date={job.createdAt} />
                  </TableCell>
                  <TableCell className="text-sm text-gray-500">
                    <RelativeTime date={job.finishedAt ?? job.runAt} />
                  </TableCell>
                  <TableCell className="max-w-sm whitespace-normal break-words text-sm text-red-700">
                    {job.lastError}
                  </TableCell>
                  <TableCell className="text-right">
                    {canManage && (job.status === "failed" || job.status === "dead") && (
                      <Button
                        size="xs"
                        variant="secondary"
                        icon={RotateCcw}
                        loading={retry.isPending && retry.variables?.jobId === job.id}
                        onClick={() => retry.mutate({ jobId: job.id })}
                      >
                        Retry
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      )}
    </div>
  );
}
