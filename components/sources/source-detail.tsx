"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { PageHeader } from "../ui/page-header";
import { LiveDebugger } from "../events/live-debugger";
import { Pill } from "../ui/pill";
import { RelativeTime } from "../ui/relative-time";
import { FileImports } from "../imports/file-imports";
import { WebhookSettings } from "../webhooks/webhook-settings";
import { DeleteSourceCard } from "./delete-source-card";
import { HttpSetup } from "./http-setup";
import { SourceSettingsCard } from "./source-settings-card";
import { SOURCE_TYPE_INFO } from "./source-types";
import { useWriteKey } from "./use-write-key";
import { WriteKeyCard } from "./write-key-card";

const EMPTY_HINTS: Record<string, ReactNode> = {
  http: "Send one with the curl command above, or from an SDK set up with this source's write key.",
  webhook: "Point the other tool's webhook at this source's address (above); its events appear here once mapped.",
  file: "Import a file into this source (above); its rows appear here as they are stored.",
};

/** One source: how to send to it, its live debugger, and (for managers) its settings, deletion and, for http sources, its write key. */
export function SourceDetail({ sourceId, canManage }: { sourceId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.sources.get.queryOptions({ sourceId }));
  const source = query.data;
  const writeKey = useWriteKey(sourceId);

  if (query.isLoading) return <p className="text-sm text-gray-500">Loading the source…</p>;
  if (!source) {
    return (
      <div className="space-y-4">
        <ErrorText error={query.error ?? { message: "No such source in this workspace" }} />
        <Link href="/sources" className="text-sm text-blue-700 hover:underline">
          ← All sources
        </Link>
      </div>
    );
  }

  return (
    <>
      <Link href="/sources" className="text-sm text-blue-700 hover:underline">
        ← All sources
      </Link>
      <div className="mt-2">
        <PageHeader
          title={source.name}
          description={SOURCE_TYPE_INFO[source.type].description}
          actions={
            <div className="flex items-center gap-2">
              <Pill tone="blue">{SOURCE_TYPE_INFO[source.type].label}</Pill>
              {source.enabled ? <Pill tone="emerald">Enabled</Pill> : <Pill>Disabled</Pill>}
            </div>
          }
        />
      </div>
      <p className="-mt-4 mb-6 text-xs text-gray-500">
        Source id <span className="font-mono text-gray-700">{source.id}</span> · created{" "}
        <RelativeTime date={source.createdAt} />
      </p>
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="min-w-0 space-y-6 xl:col-span-2">
          {source.type === "http" && (
            <HttpSetup writeKeyPrefix={source.writeKeyPrefix} writeKey={writeKey} canManage={canManage} />
          )}
          {source.type === "webhook" && <WebhookSettings sourceId={source.id} canManage={canManage} />}
          {source.type === "file" && <FileImports sourceId={source.id} canManage={canManage} />}
          <LiveDebugger sourceId={source.id} emptyHint={EMPTY_HINTS[source.type]} />
        </div>
        <div className="space-y-6">
          <SourceSettingsCard source={source} canManage={canManage} />
          {source.type === "http" && <WriteKeyCard source={source} canManage={canManage} />}
          {canManage && <DeleteSourceCard source={source} />}
        </div>
      </div>
    </>
  );
}
