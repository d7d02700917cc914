"use client";

import type { IdentityRulesView } from "@/server/identity/get-identity-rules";
import type { IdentityRules } from "@/server/identity/identity-rules";
import { Panel } from "./rules-section";

type Update = (change: (rules: IdentityRules) => IdentityRules) => void;

/** The country phone numbers written without a country code are read for. */
export function PhoneCountry(props: {
  view: IdentityRulesView;
  rules: IdentityRules;
  update: Update;
  readOnly: boolean;
}) {
  const { view, rules, update, readOnly } = props;
  const country = view.countries.find((c) => c.code === rules.defaultCountry);
  return (
    <Panel>
      <label htmlFor="default-country" className="block text-sm font-medium text-gray-900">
        Default country
      </label>
      <select
        id="default-country"
        value={rules.defaultCountry}
        disabled={readOnly}
        onChange={(e) => update((r) => ({ ...r, defaultCountry: e.target.value }))}
        className="mt-2 block w-full max-w-sm rounded-md border border-gray-300 bg-white px-3 py-2 text-sm shadow-sm disabled:bg-gray-50 disabled:text-gray-600"
      >
        {!country && <option value={rules.defaultCountry}>{rules.defaultCountry}</option>}
        {view.countries.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name} ({c.callingCode})
          </option>
        ))}
      </select>
      <p className="mt-2 text-sm text-gray-600">
        {country
          ? `A number without a country code, such as a local number typed into a form, is read as a ${country.name} number (${country.callingCode}). Numbers with a + or 00 prefix keep their own country.`
          : "Pick the country most of your customers' numbers are from."}
      </p>
    </Panel>
  );
}
