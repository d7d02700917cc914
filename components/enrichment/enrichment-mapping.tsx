"use client";

import { identifierLabel } from "../profiles/identifier-labels";
import { guessKeyColumn, type MappingDraft } from "./mapping-draft";

const select = "mt-1 block w-full rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm";

/** The key (identifier type and its column), the "as of" date, the trait columns (renamable), and unmatched rows. */
export function EnrichmentMapping({
  draft,
  columns,
  keyTypes,
  onChange,
  disabled,
}: {
  draft: MappingDraft;
  columns: string[];
  keyTypes: string[];
  onChange: (draft: MappingDraft) => void;
  disabled?: boolean;
}) {
  const set = (patch: Partial<MappingDraft>) => onChange({ ...draft, ...patch });
  const traitColumns = columns.filter((c) => c !== draft.keyColumn && c !== draft.asOfColumn);
  return (
    <fieldset disabled={disabled} className="grid gap-6 lg:grid-cols-[minmax(16rem,22rem)_1fr]">
      <div className="space-y-4">
        <label className="block text-sm text-gray-700">
          Match profiles by
          <select
            aria-label="Key type"
            value={draft.keyType}
            onChange={(e) =>
              set({ keyType: e.target.value, keyColumn: guessKeyColumn(e.target.value, columns) || draft.keyColumn })
            }
            className={select}
          >
            {keyTypes.map((t) => (
              <option key={t} value={t}>
                {identifierLabel(t)}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm text-gray-700">
          Key column
          <select
            aria-label="Key column"
            value={draft.keyColumn}
            onChange={(e) => set({ keyColumn: e.target.value })}
            className={select}
          >
            <option value="">— choose —</option>
            {columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm text-gray-700">
          Values are as of
          <select
            aria-label="As of"
            value={draft.asOfColumn}
            onChange={(e) => set({ asOfColumn: e.target.value })}
            className={select}
          >
            <option value="">the upload time</option>
            {columns
              .filter((c) => c !== draft.keyColumn)
              .map((c) => (
                <option key={c} value={c}>
                  the date in “{c}”
                </option>
              ))}
          </select>
          <span className="mt-1 block text-xs text-gray-500">
            Survivorship compares this time with event times when a trait keeps the latest value.
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm text-gray-700">
          <input
            type="checkbox"
            className="mt-0.5"
            checked={draft.createProfiles}
            onChange={(e) => set({ createProfiles: e.target.checked })}
          />
          <span>
            Create profiles for unmatched rows
            <span className="block text-xs text-gray-500">
              Otherwise rows matching no profile are left out and listed for download.
            </span>
          </span>
        </label>
      </div>
      <div className="min-w-0">
        <p className="text-sm text-gray-700">Columns that become traits</p>
        <ul className="mt-1 divide-y divide-gray-100 rounded-md border border-gray-200">
          {traitColumns.map((c) => {
            const t = draft.traits[c] ?? { on: false, name: c };
            const setTrait = (patch: Partial<typeof t>) =>
              set({ traits: { ...draft.traits, [c]: { ...t, ...patch } } });
            return (
              <li key={c} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1.5 text-sm">
                <label className="flex min-w-40 flex-1 items-center gap-2">
                  <input
                    type="checkbox"
                    checked={t.on}
                    aria-label={`Trait from ${c}`}
                    onChange={(e) => setTrait({ on: e.target.checked })}
                  />
                  <span className="truncate font-mono text-gray-800" title={c}>
                    {c}
                  </span>
                </label>
                <label className="flex items-center gap-2 text-xs text-gray-500">
                  as
                  <input
                    aria-label={`Trait name for ${c}`}
                    value={t.name}
                    disabled={!t.on}
                    maxLength={200}
                    onChange={(e) => setTrait({ name: e.target.value })}
                    className="w-48 rounded border border-gray-300 px-2 py-1 font-mono text-sm text-gray-800 disabled:bg-gray-50 disabled:text-gray-400"
                  />
                </label>
              </li>
            );
          })}
        </ul>
      </div>
    </fieldset>
  );
}
