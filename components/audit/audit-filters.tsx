"use client";

import { useQuery } from "@tanstack/react-query";
import { Button, TextInput } from "@tremor/react";
import { Filter } from "lucide-react";
import type { FormEvent } from "react";
import { useTRPC } from "../trpc/client";

export interface AuditFilterValues {
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** Dates are whole days in the browser's time zone: `to` includes the whole of its day. */
function day(value: FormDataEntryValue | null, endOfDay: boolean): Date | undefined {
  if (!value) return undefined;
  const date = new Date(`${value}T00:00:00`);
  if (endOfDay) {
    date.setDate(date.getDate() + 1);
    date.setMilliseconds(-1);
  }
  return date;
}

/** Actions grouped by their area ("member.add" → Member), each group led by "every member action" (a prefix filter). */
function groups(actions: { action: string; label: string }[]) {
  const byArea = new Map<string, { action: string; label: string }[]>();
  for (const a of actions) {
    const area = a.action.split(".")[0];
    byArea.set(area, [...(byArea.get(area) ?? []), a]);
  }
  return [...byArea.entries()];
}

export function AuditFilters({ onApply }: { onApply: (values: AuditFilterValues) => void }) {
  const trpc = useTRPC();
  const actions = useQuery(trpc.audit.actions.queryOptions());

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onApply({
      actor: String(form.get("actor") ?? "").trim() || undefined,
      action: String(form.get("action") ?? "") || undefined,
      from: day(form.get("from"), false),
      to: day(form.get("to"), true),
    });
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Filter the audit log">
      <label className="text-sm">
        Actor
        <TextInput name="actor" placeholder="email contains…" className="mt-1 w-52" />
      </label>
      <label className="text-sm">
        Action
        <select
          name="action"
          aria-label="Action"
          defaultValue=""
          className="mt-1 block w-64 rounded-md border border-gray-300 bg-white px-2 py-2 text-sm"
        >
          <option value="">All actions</option>
          {groups(actions.data ?? []).map(([area, list]) => (
            <optgroup key={area} label={area.charAt(0).toUpperCase() + area.slice(1)}>
              {list.length > 1 && <option value={`${area}.`}>Every {area} action</option>}
              {list.map((a) => (
                <option key={a.action} value={a.action}>
                  {a.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className="text-sm">
        From
        <input name="from" type="date" className="mt-1 block rounded-md border border-gray-300 px-2 py-1.5 text-sm" />
      </label>
      <label className="text-sm">
        To
        <input name="to" type="date" className="mt-1 block rounded-md border border-gray-300 px-2 py-1.5 text-sm" />
      </label>
      <Button type="submit" variant="secondary" icon={Filter}>
        Apply filters
      </Button>
    </form>
  );
}
