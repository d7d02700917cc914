"use client";

import { Button, TextInput } from "@tremor/react";
import { Plus, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import type { IdentityRulesView } from "@/server/identity/get-identity-rules";
import type { IdentityRules, SurvivorshipStrategy } from "@/server/identity/identity-rules";
import { Panel } from "./rules-section";
import { STRATEGY_INFO } from "./rules-text";

type Update = (change: (rules: IdentityRules) => IdentityRules) => void;

const SELECT =
  "rounded-md border border-gray-300 bg-white px-2 py-1.5 text-sm disabled:bg-gray-50 disabled:text-gray-600";

/** The default strategy and the per-trait overrides; trait names are suggested from the profiles' stored traits. */
export function TraitSurvivorship(props: {
  view: IdentityRulesView;
  rules: IdentityRules;
  update: Update;
  readOnly: boolean;
}) {
  const { view, rules, update, readOnly } = props;
  const [error, setError] = useState<string | null>(null);
  const [strategy, setStrategy] = useState<SurvivorshipStrategy>("source_priority");
  const strategies = view.strategies as readonly SurvivorshipStrategy[];
  const overrides = Object.entries(rules.survivorship.traits);
  const setSurvivorship = (change: Partial<IdentityRules["survivorship"]>) =>
    update((r) => ({ ...r, survivorship: { ...r.survivorship, ...change } }));
  const suggestions = view.traitNames.filter((n) => !(n in rules.survivorship.traits));

  function add(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("trait") ?? "").trim();
    const problem = !name
      ? "Type or pick a trait name."
      : name.length > 200
        ? "At most 200 characters."
        : name in rules.survivorship.traits
          ? `${name} has its own strategy already.`
          : null;
    setError(problem);
    if (problem) return;
    setSurvivorship({ traits: { ...rules.survivorship.traits, [name]: strategy } });
    form.reset();
  }

  return (
    <>
      <Panel title="Default strategy">
        <fieldset disabled={readOnly} className="grid gap-2 sm:grid-cols-2">
          <legend className="sr-only">Default strategy for every trait</legend>
          {strategies.map((s) => {
            const checked = rules.survivorship.default === s;
            return (
              <label
                key={s}
                className={`flex cursor-pointer gap-3 rounded-md border p-3 text-sm ${checked ? "border-blue-500 bg-blue-50/60 ring-1 ring-blue-500" : "border-gray-200 hover:border-gray-300"} ${readOnly ? "cursor-default" : ""}`}
              >
                <input
                  type="radio"
                  name="default-strategy"
                  value={s}
                  checked={checked}
                  onChange={() => setSurvivorship({ default: s })}
                  className="mt-0.5"
                />
                <span>
                  <span className="block font-medium text-gray-900">{STRATEGY_INFO[s].label}</span>
                  <span className="block text-gray-600">{STRATEGY_INFO[s].description}</span>
                </span>
              </label>
            );
          })}
        </fieldset>
      </Panel>

      <Panel title="Per-trait overrides">
        {overrides.length === 0 ? (
          <p className="text-sm text-gray-500">
            Every trait follows the default. Give a trait its own strategy when one source knows it best, such as plan
            from your billing system, or when the first value matters, such as signup channel.
          </p>
        ) : (
          <ul className="divide-y divide-gray-100 rounded-md border border-gray-200">
            {overrides.map(([name, s]) => (
              <li
                key={name}
                data-testid="trait-override"
                className="flex flex-wrap items-center gap-3 px-3 py-2 text-sm"
              >
                <span className="min-w-0 flex-1 font-mono text-gray-900 [overflow-wrap:anywhere]">{name}</span>
                <select
                  aria-label={`Strategy for ${name}`}
                  value={s}
                  disabled={readOnly}
                  className={SELECT}
                  onChange={(e) =>
                    setSurvivorship({
                      traits: { ...rules.survivorship.traits, [name]: e.target.value as SurvivorshipStrategy },
                    })
                  }
                >
                  {strategies.map((option) => (
                    <option key={option} value={option}>
                      {STRATEGY_INFO[option].label}
                    </option>
                  ))}
                </select>
                {!readOnly && (
                  <Button
                    variant="light"
                    color="red"
                    icon={Trash2}
                    aria-label={`Remove the override of ${name}`}
                    onClick={() => {
                      const traits = { ...rules.survivorship.traits };
                      delete traits[name];
                      setSurvivorship({ traits });
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
        {!readOnly && (
          <form onSubmit={add} className="mt-3">
            <div className="flex flex-wrap items-end gap-2">
              <label className="text-sm text-gray-700">
                Trait
                <TextInput name="trait" list="trait-names" placeholder="plan" className="mt-1 w-56 font-mono" />
                <datalist id="trait-names">
                  {suggestions.map((n) => (
                    <option key={n} value={n} />
                  ))}
                </datalist>
              </label>
              <label className="text-sm text-gray-700">
                Strategy
                <select
                  aria-label="Strategy for the new override"
                  value={strategy}
                  onChange={(e) => setStrategy(e.target.value as SurvivorshipStrategy)}
                  className={`mt-1 block ${SELECT} py-2`}
                >
                  {strategies.map((option) => (
                    <option key={option} value={option}>
                      {STRATEGY_INFO[option].label}
                    </option>
                  ))}
                </select>
              </label>
              <Button type="submit" variant="secondary" icon={Plus}>
                Add override
              </Button>
            </div>
            {error && (
              <p role="alert" className="mt-1 text-xs text-red-700">
                {error}
              </p>
            )}
            {suggestions.length > 0 && (
              <p className="mt-2 text-xs text-gray-500">
                Traits on your profiles: {suggestions.slice(0, 12).join(", ")}
                {suggestions.length > 12 ? ` and ${suggestions.length - 12} more (start typing)` : ""}.
              </p>
            )}
          </form>
        )}
      </Panel>
    </>
  );
}
