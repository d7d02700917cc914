"use client";

import { Button, Card, Switch, TextInput } from "@tremor/react";
import { useState, type FormEvent } from "react";
import type { PublicSource } from "@/server/sources/public-source";
import { ErrorText } from "../ui/error-text";
import { useSourceMutations } from "./use-source-mutations";

/** Name, on/off and rate limit of a source; read-only for roles that cannot manage sources. */
export function SourceSettingsCard({ source, canManage }: { source: PublicSource; canManage: boolean }) {
  const { update } = useSourceMutations(source.id);
  const [saved, setSaved] = useState<string | null>(null);
  const save = (input: Omit<Parameters<typeof update.mutate>[0], "sourceId">, what: string) =>
    update.mutate({ sourceId: source.id, ...input }, { onSuccess: () => setSaved(what) });

  function rename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save({ name: String(new FormData(event.currentTarget).get("name") ?? "") }, "Name saved");
  }
  function setLimit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = String(new FormData(event.currentTarget).get("rateLimit") ?? "").trim();
    save(
      { rateLimitPerSecond: raw === "" ? null : Number(raw) },
      raw === "" ? "Rate limit removed" : "Rate limit saved",
    );
  }

  if (!canManage) {
    return (
      <Card>
        <h2 className="font-medium">Settings</h2>
        <dl className="mt-3 space-y-2 text-sm">
          <div className="flex justify-between gap-4">
            <dt className="text-gray-500">Status</dt>
            <dd>{source.enabled ? "Enabled" : "Disabled"}</dd>
          </div>
          {source.type !== "file" && (
            <div className="flex justify-between gap-4">
              <dt className="text-gray-500">Rate limit</dt>
              <dd>{source.rateLimitPerSecond ? `${source.rateLimitPerSecond} requests/s` : "None"}</dd>
            </div>
          )}
        </dl>
        <p className="mt-3 text-xs text-gray-400">Only owners and admins can change sources.</p>
      </Card>
    );
  }

  return (
    <Card>
      <h2 className="font-medium">Settings</h2>
      <form onSubmit={rename} className="mt-3" key={source.name}>
        <label className="block text-sm text-gray-700" htmlFor="source-name">
          Name
        </label>
        <div className="mt-1 flex gap-2">
          <TextInput id="source-name" name="name" defaultValue={source.name} required />
          <Button type="submit" variant="secondary" loading={update.isPending && update.variables?.name !== undefined}>
            Rename
          </Button>
        </div>
      </form>

      <div className="mt-5 flex items-start justify-between gap-4">
        <label htmlFor="source-enabled" className="text-sm text-gray-700">
          Accept events
          <span className="block text-xs text-gray-500">
            {source.enabled
              ? `Enabled: ${source.type === "http" ? "events sent with this source's key" : source.type === "webhook" ? "deliveries to its address" : "imported rows"} are stored.`
              : "Disabled: requests are refused until you enable it again."}
          </span>
        </label>
        <Switch
          id="source-enabled"
          checked={source.enabled}
          disabled={update.isPending}
          onChange={(enabled) => save({ enabled }, enabled ? "Source enabled" : "Source disabled")}
        />
      </div>

      {source.type !== "file" && (
        <form onSubmit={setLimit} className="mt-5" key={`limit-${source.rateLimitPerSecond}`}>
          <label className="block text-sm text-gray-700" htmlFor="source-rate-limit">
            Rate limit{" "}
            <span className="text-gray-400">
              (requests per second; {source.type === "webhook" ? "empty for the default, 100" : "empty for none"})
            </span>
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id="source-rate-limit"
              name="rateLimit"
              type="number"
              min={1}
              step={1}
              defaultValue={source.rateLimitPerSecond ?? ""}
              placeholder={source.type === "webhook" ? "100 (default)" : "No limit"}
              className="w-full rounded-md border border-gray-300 px-3 py-2 text-sm shadow-sm"
            />
            <Button
              type="submit"
              variant="secondary"
              loading={update.isPending && update.variables?.rateLimitPerSecond !== undefined}
            >
              Save
            </Button>
          </div>
        </form>
      )}

      <div className="mt-4 space-y-2">
        <ErrorText error={update.error} />
        {saved && !update.error && !update.isPending && (
          <p role="status" className="text-sm text-emerald-700">
            {saved}.
          </p>
        )}
      </div>
    </Card>
  );
}
