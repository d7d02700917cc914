"use client";

import type { ImportMapping } from "@/server/imports/schema";

export interface MappingDraft {
  mode: "identify" | "track";
  eventFrom: "fixed" | "column";
  eventName: string;
  eventColumn: string;
  userIdColumn: string;
  emailColumn: string;
  timestampColumn: string;
  messageIdColumn: string;
  /** The columns that become traits (identify) or properties (track). */
  columns: string[];
  coerce: boolean;
}

/** The mapping the server expects, from the form's draft; null with the reason while it is incomplete. */
export function draftToMapping(
  draft: MappingDraft,
  delimiter: ImportMapping["delimiter"],
): { mapping: ImportMapping | null; missing: string | null } {
  if (!draft.userIdColumn && !draft.emailColumn)
    return { mapping: null, missing: "Choose a user id column or an email column." };
  if (draft.mode === "track" && draft.eventFrom === "fixed" && !draft.eventName.trim())
    return { mapping: null, missing: "Name the event." };
  if (draft.mode === "track" && draft.eventFrom === "column" && !draft.eventColumn)
    return { mapping: null, missing: "Choose the event name column." };
  const optional = (value: string) => value || undefined;
  return {
    missing: null,
    mapping: {
      mode: draft.mode,
      eventName: draft.mode === "track" && draft.eventFrom === "fixed" ? draft.eventName.trim() : undefined,
      eventColumn: draft.mode === "track" && draft.eventFrom === "column" ? draft.eventColumn : undefined,
      userIdColumn: optional(draft.userIdColumn),
      emailColumn: optional(draft.emailColumn),
      timestampColumn: optional(draft.timestampColumn),
      messageIdColumn: optional(draft.messageIdColumn),
      columns: draft.columns,
      coerce: draft.coerce,
      delimiter,
    },
  };
}

const select = "mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm";

function ColumnSelect({
  label,
  value,
  columns,
  onChange,
  none = "— none —",
}: {
  label: string;
  value: string;
  columns: string[];
  onChange: (v: string) => void;
  none?: string;
}) {
  return (
    <label className="block text-sm text-gray-700">
      {label}
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} className={select}>
        <option value="">{none}</option>
        {columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Which column is what: the user, the event (track), the time, the message id, and the data columns. */
export function ColumnMapping({
  draft,
  columns,
  onChange,
}: {
  draft: MappingDraft;
  columns: string[];
  onChange: (draft: MappingDraft) => void;
}) {
  const set = (patch: Partial<MappingDraft>) => onChange({ ...draft, ...patch });
  const mapped = new Set([
    draft.userIdColumn,
    draft.emailColumn,
    draft.timestampColumn,
    draft.messageIdColumn,
    draft.mode === "track" && draft.eventFrom === "column" ? draft.eventColumn : "",
  ]);
  const dataColumns = columns.filter((c) => !mapped.has(c));
  const toggle = (column: string) =>
    set({
      columns: draft.columns.includes(column) ? draft.columns.filter((c) => c !== column) : [...draft.columns, column],
    });

  return (
    <div className="space-y-4">
      <fieldset className="flex gap-4 text-sm">
        <legend className="mb-1 text-sm font-medium text-gray-700">Each row is</legend>
        {(["identify", "track"] as const).map((mode) => (
          <label key={mode} className="flex items-center gap-1.5">
            <input type="radio" name="import-mode" checked={draft.mode === mode} onChange={() => set({ mode })} />
            {mode === "identify"
              ? "a person (identify: columns become traits)"
              : "an event (track: columns become properties)"}
          </label>
        ))}
      </fieldset>

      {draft.mode === "track" && (
        <div className="grid gap-3 sm:grid-cols-2">
          <fieldset className="text-sm">
            <legend className="text-sm text-gray-700">Event name</legend>
            <label className="mr-4 inline-flex items-center gap-1.5">
              <input
                type="radio"
                name="event-from"
                checked={draft.eventFrom === "column"}
                onChange={() => set({ eventFrom: "column" })}
              />{" "}
              from a column
            </label>
            <label className="inline-flex items-center gap-1.5">
              <input
                type="radio"
                name="event-from"
                checked={draft.eventFrom === "fixed"}
                onChange={() => set({ eventFrom: "fixed" })}
              />{" "}
              the same for every row
            </label>
          </fieldset>
          {draft.eventFrom === "column" ? (
            <ColumnSelect
              label="Event name column"
              value={draft.eventColumn}
              columns={columns}
              onChange={(eventColumn) => set({ eventColumn })}
              none="— choose —"
            />
          ) : (
            <label className="block text-sm text-gray-700">
              Event name
              <input
                aria-label="Event name"
                value={draft.eventName}
                onChange={(e) => set({ eventName: e.target.value })}
                placeholder="Order Completed"
                className={select}
              />
            </label>
          )}
        </div>
      )}

      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <ColumnSelect
          label="User id column"
          value={draft.userIdColumn}
          columns={columns}
          onChange={(userIdColumn) => set({ userIdColumn })}
        />
        <ColumnSelect
          label="Email column"
          value={draft.emailColumn}
          columns={columns}
          onChange={(emailColumn) => set({ emailColumn })}
        />
        <ColumnSelect
          label="Timestamp column"
          value={draft.timestampColumn}
          columns={columns}
          onChange={(timestampColumn) => set({ timestampColumn })}
          none="— time of import —"
        />
        <ColumnSelect
          label="Message id column"
          value={draft.messageIdColumn}
          columns={columns}
          onChange={(messageIdColumn) => set({ messageIdColumn })}
          none="— from the row's content —"
        />
      </div>

      <fieldset>
        <legend className="text-sm text-gray-700">
          {draft.mode === "identify" ? "Traits" : "Properties"}{" "}
          <button
            type="button"
            className="ml-2 text-xs text-blue-700 hover:underline"
            onClick={() => set({ columns: dataColumns })}
          >
            all
          </button>
          <button
            type="button"
            className="ml-2 text-xs text-blue-700 hover:underline"
            onClick={() => set({ columns: [] })}
          >
            none
          </button>
        </legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {dataColumns.map((c) => (
            <label key={c} className="inline-flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={draft.columns.includes(c)} onChange={() => toggle(c)} />
              <span className="font-mono text-xs">{c}</span>
            </label>
          ))}
          {dataColumns.length === 0 && <span className="text-sm text-gray-400">No other columns.</span>}
        </div>
      </fieldset>

      <label className="flex items-center gap-2 text-sm text-gray-700">
        <input type="checkbox" checked={draft.coerce} onChange={(e) => set({ coerce: e.target.checked })} />
        Read numbers and true/false as such (CSV; &quot;007&quot; and &quot;+49…&quot; stay text)
      </label>
    </div>
  );
}
