"use client";

import { Button, TextInput } from "@tremor/react";
import type { FormEvent } from "react";

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

export function AuditFilters({ onApply }: { onApply: (values: AuditFilterValues) => void }) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onApply({
      actor: String(form.get("actor") ?? "").trim() || undefined,
      action: String(form.get("action") ?? "").trim() || undefined,
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
        <TextInput name="action" placeholder="e.g. member.role_change" className="mt-1 w-52" />
      </label>
      <label className="text-sm">
        From
        <input name="from" type="date" className="mt-1 block rounded-md border border-gray-300 px-2 py-1.5 text-sm" />
      </label>
      <label className="text-sm">
        To
        <input name="to" type="date" className="mt-1 block rounded-md border border-gray-300 px-2 py-1.5 text-sm" />
      </label>
      <Button type="submit" variant="secondary">
        Apply filters
      </Button>
    </form>
  );
}
