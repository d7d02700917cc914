"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Button, TextInput } from "@tremor/react";
import { Ban, Lock, Regex } from "lucide-react";
import { useState, type FormEvent } from "react";
import type { IdentityRulesView } from "@/server/identity/get-identity-rules";
import type { IdentityRules } from "@/server/identity/identity-rules";
import { useTRPC } from "../trpc/client";
import { Chip } from "./chip";
import { Panel } from "./rules-section";
import { isPattern } from "./rules-text";
import { TestValue } from "./test-value";

type Update = (change: (rules: IdentityRules) => IdentityRules) => void;

/** The built-in blocked values (read-only) and the workspace's own list, exact values or /patterns/. */
export function BlockedValues(props: {
  view: IdentityRulesView;
  rules: IdentityRules;
  update: Update;
  readOnly: boolean;
  /** The identifier types a value can be tested as, and whether the rules have unsaved edits. */
  types: string[];
  edited: boolean;
}) {
  const { view, rules, update, readOnly, types, edited } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const entry = String(new FormData(form).get("entry") ?? "").trim();
    const lower = entry.toLowerCase();
    let problem: string | null = !entry
      ? "Type a value or a /pattern/ to block."
      : entry.length > 200
        ? "At most 200 characters."
        : view.builtIn.blocked.some((b) => b.toLowerCase() === lower)
          ? `${entry} is blocked already (built in).`
          : rules.blocked.some((b) => b.toLowerCase() === lower)
            ? `${entry} is in the list already.`
            : null;
    if (!problem && isPattern(entry)) {
      // Compiled by the server with RE2, exactly as resolution will compile it.
      setChecking(true);
      try {
        const verdict = await queryClient.fetchQuery(
          trpc.identity.testValue.queryOptions({ value: "-", type: "user_id", blocked: [entry] }),
        );
        problem = verdict.unusable[0]?.problem ?? null;
      } catch (e) {
        problem = (e as Error).message;
      } finally {
        setChecking(false);
      }
    }
    setError(problem);
    if (problem) return;
    update((r) => ({ ...r, blocked: [...r.blocked, entry] }));
    // Not when the box was retyped while the pattern was being checked: that text is the next entry.
    const input = form.elements.namedItem("entry");
    if (input instanceof HTMLInputElement && input.value.trim() === entry) form.reset();
  }

  return (
    <Panel title="Blocked values">
      <p className="text-sm text-gray-600">
        A blocked value never becomes an identifier, so it never links two people. The event is still stored and its
        other identifiers are used; a note on the event says what was left out.
      </p>
      <div className="mt-4">
        <p className="flex items-center gap-1 text-xs font-medium uppercase tracking-wide text-gray-500">
          <Lock aria-hidden className="h-3 w-3" /> Built in
        </p>
        <div className="mt-2 flex flex-wrap gap-1.5" data-testid="built-in-blocked">
          {view.builtIn.blocked.map((entry) => (
            <Chip key={entry} icon={isPattern(entry) ? <Regex aria-hidden className="h-3 w-3" /> : undefined}>
              {entry}
            </Chip>
          ))}
        </div>
      </div>
      <div className="mt-5">
        <p className="text-xs font-medium uppercase tracking-wide text-gray-500">This workspace</p>
        {rules.blocked.length === 0 ? (
          <p className="mt-2 text-sm text-gray-500">
            None yet. Block the test accounts, shared inboxes and placeholder ids your forms and tools send, such as{" "}
            <span className="font-mono">qa@yourcompany.com</span> or <span className="font-mono">/guest-\d+/</span>.
          </p>
        ) : (
          <div className="mt-2 flex flex-wrap gap-1.5" data-testid="workspace-blocked">
            {rules.blocked.map((entry) => (
              <Chip
                key={entry}
                tone="red"
                icon={
                  isPattern(entry) ? <Regex aria-hidden className="h-3 w-3" /> : <Ban aria-hidden className="h-3 w-3" />
                }
                removeLabel={readOnly ? undefined : `Stop blocking ${entry}`}
                onRemove={
                  readOnly ? undefined : () => update((r) => ({ ...r, blocked: r.blocked.filter((b) => b !== entry) }))
                }
              >
                {entry}
              </Chip>
            ))}
          </div>
        )}
        {!readOnly && (
          <form onSubmit={submit} className="mt-3">
            <div className="flex max-w-lg gap-2">
              <TextInput
                name="entry"
                aria-label="Value to block"
                placeholder="qa@acme.com or /guest-\d+/"
                className="font-mono"
              />
              <Button type="submit" variant="secondary" icon={Ban} loading={checking}>
                Block
              </Button>
            </div>
            {error && (
              <p role="alert" className="mt-1 text-xs text-red-700">
                {error}
              </p>
            )}
            <p className="mt-2 text-xs text-gray-500">
              Exact values match ignoring letter case. Between slashes, a regular expression (RE2 syntax) that must
              match the whole value, letter case ignored: <span className="font-mono">/test-.*/</span> blocks test-1 and
              Test-abc.
            </p>
          </form>
        )}
      </div>
      <div className="mt-5">
        <TestValue rules={rules} types={types} edited={edited} />
      </div>
    </Panel>
  );
}
