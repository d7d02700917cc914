"use client";

import { Card } from "@tremor/react";
import { useSyncExternalStore } from "react";
import { CopyButton } from "../ui/copy-button";

/** The address other tools post their webhooks to, with a ready-made test request. */
export function EndpointCard({ sourceId, signatureRequired }: { sourceId: string; signatureRequired: boolean }) {
  // The origin is only known in the browser; render a path until then (no hydration mismatch).
  const origin = useSyncExternalStore(
    () => () => {},
    () => window.location.origin,
    () => "",
  );
  const url = `${origin}/api/webhooks/${sourceId}`;
  const curl = `curl -X POST '${url}' \\\n  -H 'Content-Type: application/json' \\\n  -d '{"type": "identify", "userId": "user-1", "traits": {"plan": "pro"}}'`;

  return (
    <Card>
      <h2 className="font-medium">Webhook address</h2>
      <p className="mt-1 text-sm text-gray-500">
        Paste this URL into the other tool&apos;s webhook settings. Any JSON up to 1 MB is accepted (gzip too), kept as
        it came, and turned into events by the mapping below.
      </p>
      <div className="mt-3 flex items-center gap-2">
        <code
          data-testid="webhook-url"
          className="min-w-0 flex-1 select-all break-all rounded-md border border-gray-200 bg-gray-50 px-3 py-2 font-mono text-sm"
        >
          {url}
        </code>
        <CopyButton text={url} label="Copy URL" />
      </div>
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-gray-600">Send a test payload</summary>
        <div className="relative mt-2">
          <CopyButton text={curl} className="absolute right-2 top-2" />
          <pre className="overflow-x-auto rounded-md bg-gray-900 p-4 pr-20 font-mono text-xs leading-relaxed text-gray-100">
            {curl}
          </pre>
        </div>
        {signatureRequired && (
          <p className="mt-2 text-xs text-amber-700">
            Signatures are required: an unsigned test request is refused (401) and listed as signature_failed.
          </p>
        )}
      </details>
    </Card>
  );
}
