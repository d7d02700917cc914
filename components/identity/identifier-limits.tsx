"use client";

import { RotateCcw } from "lucide-react";
import type { IdentityRulesView } from "@/server/identity/get-identity-rules";
import type { IdentityRules } from "@/server/identity/identity-rules";
import { typeLabel } from "./type-label";
import { Panel } from "./rules-section";

type Update = (change: (rules: IdentityRules) => IdentityRules) => void;
type Limit = { max: number; windowDays?: number };

const NUMBER =
  "w-24 rounded-md border border-gray-300 px-2 py-1.5 text-sm shadow-sm disabled:bg-gray-50 disabled:text-gray-500";
const limitText = (l: Limit | undefined) =>
  l ? `${l.max}${l.windowDays ? ` in ${l.windowDays} days` : ""}` : "no limit";

/** A number typed into a limit field: a whole number, or undefined when empty (or not a number). */
const whole = (raw: string) =>
  raw.trim() === "" || !Number.isFinite(Number(raw)) ? undefined : Math.trunc(Number(raw));

/** A whole-number field, committed when it loses focus (or on Enter), so a value can be cleared and retyped. */
function NumberField(props: {
  label: string;
  value: number | undefined;
  max: number;
  placeholder: string;
  disabled: boolean;
  onCommit: (value: number | undefined) => void;
}) {
  const { label, value, max, placeholder, disabled, onCommit } = props;
  return (
    <input
      key={value ?? "none"}
      type="number"
      min={1}
      max={max}
      step={1}
      aria-label={label}
      className={NUMBER}
      disabled={disabled}
      placeholder={placeholder}
      defaultValue={value ?? ""}
      onBlur={(e) => {
        const next = whole(e.target.value);
        if (next !== value) onCommit(next);
      }}
      onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
    />
  );
}

/**
 * Per type: the most identifiers one profile may hold, optionally counted over a sliding window of days.
 * An empty maximum falls back to the built-in default (or no limit, for custom types).
 */
export function IdentifierLimits(props: {
  view: IdentityRulesView;
  rules: IdentityRules;
  types: string[];
  update: Update;
  readOnly: boolean;
}) {
  const { view, rules, types, update, readOnly } = props;
  const defaults: Record<string, Limit | undefined> = view.builtIn.limits;

  function set(type: string, change: { max?: number; windowDays?: number }, field: "max" | "windowDays") {
    update((r) => {
      const limits = { ...r.limits };
      const current = limits[type] ?? defaults[type];
      const max = field === "max" ? change.max : current?.max;
      const windowDays = field === "windowDays" ? change.windowDays : current?.windowDays;
      if (max === undefined) delete limits[type];
      else limits[type] = windowDays === undefined ? { max } : { max, windowDays };
      return { ...r, limits };
    });
  }
  function reset(type: string) {
    update((r) => {
      const limits = { ...r.limits };
      delete limits[type];
      return { ...r, limits };
    });
  }

  return (
    <Panel title="Limits per profile">
      <p className="text-sm text-gray-600">
        When linking an event would give a profile more identifiers of a type than its limit, the lowest-priority
        identifier of the event is left out instead, so one shared device or inbox cannot pull people together.
      </p>
      <table className="mt-3 w-full text-left text-sm" data-testid="limits">
        <thead className="text-xs uppercase tracking-wide text-gray-500">
          <tr>
            <th className="pb-2 pr-4 font-medium">Type</th>
            <th className="pb-2 pr-4 font-medium">At most</th>
            <th className="pb-2 pr-4 font-medium">Within (days)</th>
            <th className="pb-2 font-medium">Built-in default</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {types.map((type) => {
            const own = rules.limits[type];
            const shown = own ?? defaults[type];
            return (
              <tr key={type}>
                <td className="py-2 pr-4">
                  <span className="text-gray-900">{typeLabel(type)}</span>
                  {typeLabel(type) !== type && <span className="ml-2 font-mono text-xs text-gray-500">{type}</span>}
                </td>
                <td className="py-2 pr-4">
                  <NumberField
                    label={`Most ${type} identifiers per profile`}
                    value={shown?.max}
                    max={10_000}
                    placeholder="no limit"
                    disabled={readOnly}
                    onCommit={(max) => set(type, { max }, "max")}
                  />
                </td>
                <td className="py-2 pr-4">
                  <NumberField
                    label={`Window in days for the ${type} limit`}
                    value={shown?.windowDays}
                    max={3650}
                    placeholder="all time"
                    disabled={readOnly || shown === undefined}
                    onCommit={(windowDays) => set(type, { windowDays }, "windowDays")}
                  />
                </td>
                <td className="py-2 text-gray-500">
                  <span className="inline-flex items-center gap-2">
                    {limitText(defaults[type])}
                    {own && !readOnly && (
                      <button
                        type="button"
                        onClick={() => reset(type)}
                        className="inline-flex items-center gap-1 text-xs text-blue-700 hover:underline"
                        aria-label={`Use the default limit for ${type}`}
                      >
                        <RotateCcw aria-hidden className="h-3 w-3" /> Reset
                      </button>
                    )}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Panel>
  );
}
