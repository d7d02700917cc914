"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Switch } from "@tremor/react";
import { useState } from "react";
import { CopyButton } from "../ui/copy-button";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";

/**
 * Standard Webhooks signature checking: on, a new whsec_ secret is generated and shown this once (only
 * its encryption is kept); off, the secret is forgotten.
 */
export function SignatureCard({
  sourceId,
  required,
  canManage,
}: {
  sourceId: string;
  required: boolean;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.sources.get.queryKey({ sourceId }) });
  const enable = useMutation(
    trpc.webhooks.enableSignature.mutationOptions({ onSuccess: (r) => (setSecret(r.secret), refresh()) }),
  );
  const disable = useMutation(
    trpc.webhooks.disableSignature.mutationOptions({ onSuccess: () => (setSecret(null), refresh()) }),
  );
  const busy = enable.isPending || disable.isPending;

  return (
    <Card>
      <div className="flex items-start justify-between gap-4">
        <label htmlFor="webhook-signature" className="text-sm">
          <span className="font-medium text-gray-900">Require signatures</span>
          <span className="mt-1 block text-xs text-gray-500">
            {required
              ? "On: deliveries need valid webhook-id, webhook-timestamp (within 5 minutes) and webhook-signature headers; others get 401 and are listed as signature_failed."
              : "Off: anyone who knows the address can post to it."}
          </span>
        </label>
        <Switch
          id="webhook-signature"
          checked={required}
          disabled={!canManage || busy}
          onChange={(on) =>
            on
              ? enable.mutate({ sourceId })
              : window.confirm("Stop checking signatures and forget the secret?") && disable.mutate({ sourceId })
          }
        />
      </div>
      {secret && (
        <div className="mt-4 rounded-md border border-amber-200 bg-amber-50 p-3">
          <p className="text-sm text-amber-800">
            Give this secret to the sender now. <strong>It will not be shown again</strong>; generate a new one if it is
            lost.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <code
              data-testid="signing-secret"
              className="min-w-0 flex-1 select-all break-all rounded border border-amber-200 bg-white px-2 py-1 font-mono text-xs"
            >
              {secret}
            </code>
            <CopyButton text={secret} />
          </div>
          <button type="button" className="mt-2 text-xs text-amber-800 hover:underline" onClick={() => setSecret(null)}>
            I have stored it
          </button>
        </div>
      )}
      {canManage && required && !secret && (
        <Button
          className="mt-4"
          variant="secondary"
          size="xs"
          loading={enable.isPending}
          onClick={() =>
            window.confirm("Replace the secret? Deliveries signed with the old one will be refused.") &&
            enable.mutate({ sourceId })
          }
        >
          Generate a new secret
        </Button>
      )}
      <div className="mt-2">
        <ErrorText error={enable.error ?? disable.error} />
      </div>
    </Card>
  );
}
