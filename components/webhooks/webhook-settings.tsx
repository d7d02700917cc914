"use client";

import { useQuery } from "@tanstack/react-query";
import { Card } from "@tremor/react";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { DeliveriesTable } from "./deliveries-table";
import { EndpointCard } from "./endpoint-card";
import { MappingEditor } from "./mapping-editor";
import { SignatureCard } from "./signature-card";

/**
 * Everything about a webhook source: its address, the mapping (edited against a sample payload and headers
 * with a live preview), signature checking, and the deliveries it received with their outcome and Replay.
 */
export function WebhookSettings({ sourceId, canManage }: { sourceId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const source = useQuery(trpc.sources.get.queryOptions({ sourceId }));
  const [sample, setSample] = useState("");
  const [sampleHeaders, setSampleHeaders] = useState("");
  const takeSample = (payload: string, headers: string) => (setSample(payload), setSampleHeaders(headers));

  if (source.isLoading) return <p className="text-sm text-gray-500">Loading…</p>;
  if (!source.data) return <ErrorText error={source.error ?? { message: "No such source in this workspace" }} />;
  if (source.data.type !== "webhook") return <ErrorText error={{ message: "This is not a webhook source." }} />;
  const { mapping, signatureRequired } = source.data;

  return (
    <div className="space-y-6">
      <EndpointCard sourceId={sourceId} signatureRequired={signatureRequired} />
      {canManage ? (
        <MappingEditor
          sourceId={sourceId}
          saved={mapping}
          sample={sample}
          onSample={setSample}
          sampleHeaders={sampleHeaders}
          onSampleHeaders={setSampleHeaders}
        />
      ) : (
        <Card>
          <h2 className="font-medium">Mapping</h2>
          {mapping ? (
            <pre className="mt-2 overflow-x-auto rounded bg-gray-50 p-3 font-mono text-xs text-gray-800">{mapping}</pre>
          ) : (
            <p className="mt-2 text-sm text-gray-500">None: payloads are stored as Segment events as they are.</p>
          )}
          <p className="mt-3 text-xs text-gray-400">Only owners and admins can change the mapping.</p>
        </Card>
      )}
      <SignatureCard sourceId={sourceId} required={signatureRequired} canManage={canManage} />
      <DeliveriesTable sourceId={sourceId} canManage={canManage} onUseAsSample={canManage ? takeSample : undefined} />
    </div>
  );
}
