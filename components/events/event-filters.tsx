"use client";

import { Button, SearchSelect, SearchSelectItem, TextInput } from "@tremor/react";
import { useState, type FormEvent } from "react";
import type { PublicSource } from "@/server/sources/public-source";
import { EVENT_TYPE_OPTIONS } from "./event-labels";

export interface EventFilterValues {
  sourceId?: string;
  type?: (typeof EVENT_TYPE_OPTIONS)[number];
  event?: string;
  user?: string;
  from?: Date;
  to?: Date;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim() || undefined;
const time = (form: FormData, name: string) => {
  const value = text(form, name);
  return value ? new Date(value) : undefined;
};
/** A Date as the value of a datetime-local input (local time, minutes). */
const localInput = (date?: Date) =>
  date ? new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : undefined;

const selectClass = "mt-1 block rounded-md border border-gray-300 bg-white px-2 py-2 text-sm";

interface EventFiltersProps {
  initial: EventFilterValues;
  sources: PublicSource[];
  /** The event names the catalog has seen (with a name asked for by a link, even if not seen yet). */
  eventNames: string[];
  onApply: (values: EventFilterValues) => void;
}

/**
 * The explorer's filters. The event name is picked from the catalog's names (typing narrows the list,
 * whatever the case), so a filter never misses for a spelling the sender did not use.
 */
export function EventFilters({ initial, sources, eventNames, onApply }: EventFiltersProps) {
  const [eventName, setEventName] = useState(initial.event ?? "");
  const names = initial.event && !eventNames.includes(initial.event) ? [initial.event, ...eventNames] : eventNames;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onApply({
      sourceId: text(form, "sourceId"),
      type: text(form, "type") as EventFilterValues["type"],
      event: eventName || undefined,
      user: text(form, "user"),
      from: time(form, "from"),
      to: time(form, "to"),
    });
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-3" aria-label="Filter events">
      <label className="text-sm">
        Source
        <select name="sourceId" defaultValue={initial.sourceId ?? ""} className={selectClass} aria-label="Source">
          <option value="">All sources</option>
          {sources.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Type
        <select name="type" defaultValue={initial.type ?? ""} className={selectClass} aria-label="Type">
          <option value="">All types</option>
          {EVENT_TYPE_OPTIONS.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <div className="text-sm">
        <span id="event-name-label">Event name</span>
        <SearchSelect
          value={eventName}
          onValueChange={setEventName}
          placeholder={names.length > 0 ? "Any event — type to search" : "No event names seen yet"}
          aria-labelledby="event-name-label"
          className="mt-1 w-64"
        >
          {names.map((name) => (
            <SearchSelectItem key={name} value={name}>
              {name}
            </SearchSelectItem>
          ))}
        </SearchSelect>
      </div>
      <label className="text-sm">
        User
        <TextInput name="user" defaultValue={initial.user} placeholder="userId or anonymousId" className="mt-1 w-52" />
      </label>
      <fieldset className="flex items-end gap-2">
        <label className="text-sm">
          Received from
          <input name="from" type="datetime-local" defaultValue={localInput(initial.from)} className={selectClass} />
        </label>
        <label className="text-sm">
          to
          <input name="to" type="datetime-local" defaultValue={localInput(initial.to)} className={selectClass} />
        </label>
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          Apply filters
        </Button>
        <Button
          type="button"
          variant="light"
          onClick={(e) => {
            e.currentTarget.form
              ?.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")
              .forEach((field) => (field.value = ""));
            setEventName("");
            onApply({});
          }}
        >
          Reset
        </Button>
      </div>
    </form>
  );
}
