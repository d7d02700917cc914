"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import { Button, TextInput } from "@tremor/react";
import { CircleAlert, CircleCheck, FlaskConical, ShieldBan } from "lucide-react";
import { useState, type FormEvent } from "react";
import type { IdentityRules } from "@/server/identity/identity-rules";
import { typeLabel } from "./type-label";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";

/** Lists longer than this (as JSON) are not sent with a test: the request would grow too long for a URL. */
const MAX_DRAFT_CHARS = 6_000;

const LOOK = {
  blocked: { icon: ShieldBan, className: "border-red-200 bg-red-50 text-red-800" },
  allowed: { icon: CircleCheck, className: "border-emerald-200 bg-emerald-50 text-emerald-800" },
  invalid: { icon: CircleAlert, className: "border-amber-200 bg-amber-50 text-amber-900" },
} as const;

/** "Test a value": would this value, as an identifier of a type, be blocked (and by which entry), with the rules being edited. */
export function TestValue({ rules, types, edited }: { rules: IdentityRules; types: string[]; edited: boolean }) {
  const trpc = useTRPC();
  const [asked, setAsked] = useState<{ value: string; type: string } | null>(null);
  const [type, setType] = useState("user_id");
  const sendDraft = JSON.stringify(rules.blocked).length <= MAX_DRAFT_CHARS;
  const input = asked && {
    ...asked,
    ...(sendDraft ? { blocked: rules.blocked } : {}),
    defaultCountry: rules.defaultCountry,
  };
  const result = useQuery(trpc.identity.testValue.queryOptions(input ?? skipToken));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("value") ?? "");
    if (value.trim()) setAsked({ value, type });
  }
  const look = result.data ? LOOK[result.data.verdict] : null;

  return (
    <div className="rounded-md bg-gray-50 p-4">
      <p className="flex items-center gap-1.5 text-sm font-medium text-gray-900">
        <FlaskConical aria-hidden className="h-4 w-4 text-gray-500" /> Test a value
      </p>
      <form onSubmit={submit} className="mt-2 flex flex-wrap items-end gap-2">
        <label className="text-sm text-gray-700">
          As
          <select
            aria-label="Identifier type to test as"
            value={type}
            onChange={(e) => setType(e.target.value)}
            className="mt-1 block rounded-md border border-gray-300 bg-white px-2 py-2 text-sm"
          >
            {types.map((t) => (
              <option key={t} value={t}>
                {typeLabel(t)}
              </option>
            ))}
          </select>
        </label>
        <label className="min-w-0 flex-1 text-sm text-gray-700">
          Value
          <TextInput name="value" aria-label="Value to test" placeholder="guest-42" className="mt-1 font-mono" />
        </label>
        <Button type="submit" variant="secondary" loading={result.isFetching}>
          Test
        </Button>
      </form>
      <div className="mt-3 space-y-2" aria-live="polite">
        <ErrorText error={result.error} />
        {result.data && look && (
          <p data-testid="test-verdict" className={`flex gap-2 rounded-md border px-3 py-2 text-sm ${look.className}`}>
            <look.icon aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
            <span className="[overflow-wrap:anywhere]">{result.data.message}</span>
          </p>
        )}
        {result.data && result.data.unusable.length > 0 && (
          <p className="text-xs text-amber-800">
            {result.data.unusable.length === 1 ? "One entry blocks" : `${result.data.unusable.length} entries block`}{" "}
            nothing: {result.data.unusable.map((u) => u.problem).join("; ")}
          </p>
        )}
        <p className="text-xs text-gray-500">
          {sendDraft
            ? edited
              ? "Tested with your unsaved changes."
              : "Tested with the saved rules."
            : "Your list is too long to send with a test: tested with the saved list."}
        </p>
      </div>
    </div>
  );
}
