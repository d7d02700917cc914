"use client";

import { Button, TextInput } from "@tremor/react";
import { Lock, Plus, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import type { IdentityRulesView } from "@/server/identity/get-identity-rules";
import type { IdentityRules } from "@/server/identity/identity-rules";
import { identifierLabel } from "../profiles/identifier-labels";
import { Chip } from "./chip";
import { Panel } from "./rules-section";

type Update = (change: (rules: IdentityRules) => IdentityRules) => void;

// The server checks these too (server/identity/identity-rules.ts); here they give feedback before saving.
const TYPE_NAME = /^[a-z][a-z0-9_]{0,39}$/;
const PATH = /^(traits|properties|context)(\.[A-Za-z0-9_$-]+)+$/;

/** Why a new path cannot be added to `paths`, or null. */
function pathProblem(path: string, paths: string[]): string | null {
  if (!PATH.test(path))
    return "Write a path such as traits.crm_id: traits, properties or context, then keys joined by dots.";
  if (paths.includes(path)) return `${path} is read already.`;
  if (paths.length >= 10) return "At most 10 paths per type.";
  return null;
}

/** Removes a custom type, with its limit and its place in the priority (they would name a type that is gone). */
function withoutType(rules: IdentityRules, type: string): IdentityRules {
  const limits = { ...rules.limits };
  delete limits[type];
  return {
    ...rules,
    customTypes: rules.customTypes.filter((c) => c.type !== type),
    limits,
    priority: rules.priority.filter((t) => t !== type),
  };
}

function AddPath({ type, paths, update }: { type: string; paths: string[]; update: Update }) {
  const [error, setError] = useState<string | null>(null);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const path = String(new FormData(form).get("path") ?? "").trim();
    const problem = pathProblem(path, paths);
    setError(problem);
    if (problem) return;
    update((r) => ({
      ...r,
      customTypes: r.customTypes.map((c) => (c.type === type ? { ...c, paths: [...c.paths, path] } : c)),
    }));
    form.reset();
  }
  return (
    <form onSubmit={submit} className="mt-2">
      <div className="flex max-w-md gap-2">
        <TextInput name="path" placeholder="traits.crm_id" aria-label={`New path for ${type}`} className="font-mono" />
        <Button type="submit" variant="secondary" icon={Plus}>
          Add path
        </Button>
      </div>
      {error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}

function AddType({ rules, update }: { rules: IdentityRules; update: Update }) {
  const [error, setError] = useState<string | null>(null);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const type = String(data.get("type") ?? "").trim();
    const path = String(data.get("path") ?? "").trim();
    const problem = !TYPE_NAME.test(type)
      ? "Name it with lower-case letters, digits and _ (at most 40), starting with a letter, such as crm_id."
      : ["user_id", "email", "phone", "anonymous_id"].includes(type)
        ? `${type} is a built-in type.`
        : rules.customTypes.some((c) => c.type === type)
          ? `${type} exists already.`
          : rules.customTypes.length >= 20
            ? "At most 20 custom types."
            : path
              ? pathProblem(path, [])
              : null;
    setError(problem);
    if (problem) return;
    update((r) => ({ ...r, customTypes: [...r.customTypes, { type, paths: path ? [path] : [] }] }));
    form.reset();
  }
  return (
    <form onSubmit={submit} aria-label="Add an identifier type" className="rounded-md bg-gray-50 p-4">
      <p className="text-sm font-medium text-gray-900">Add a type</p>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <label className="text-sm text-gray-700">
          Name
          <TextInput name="type" placeholder="crm_id" className="mt-1 w-48 font-mono" />
        </label>
        <label className="text-sm text-gray-700">
          Read from <span className="text-gray-400">(optional)</span>
          <TextInput name="path" placeholder="traits.crm_id" className="mt-1 w-64 font-mono" />
        </label>
        <Button type="submit" icon={Plus}>
          Add type
        </Button>
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}

/** Built-in identifier types (read-only, with where they are read from) and the workspace's custom ones. */
export function IdentifierTypes(props: {
  view: IdentityRulesView;
  rules: IdentityRules;
  update: Update;
  readOnly: boolean;
}) {
  const { view, rules, update, readOnly } = props;
  const also = view.builtIn.customAlsoReadFrom;
  return (
    <>
      <Panel
        title="Built-in types"
        aside={
          <span className="inline-flex items-center gap-1 text-xs text-gray-500">
            <Lock aria-hidden className="h-3 w-3" /> Always on
          </span>
        }
      >
        <table className="w-full text-left text-sm" data-testid="built-in-types">
          <thead className="text-xs uppercase tracking-wide text-gray-500">
            <tr>
              <th className="pb-2 pr-4 font-medium">Type</th>
              <th className="pb-2 pr-4 font-medium">Read from</th>
              <th className="pb-2 font-medium">How it is read</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {view.builtIn.identifiers.map((i) => (
              <tr key={i.type} className="align-top">
                <td className="py-2 pr-4">
                  <span className="font-medium text-gray-900">{identifierLabel(i.type)}</span>
                  <span className="block font-mono text-xs text-gray-500">{i.type}</span>
                </td>
                <td className="py-2 pr-4">
                  <div className="flex flex-wrap gap-1">
                    {i.readFrom.map((place) => (
                      <Chip key={place} nowrap>
                        {place}
                      </Chip>
                    ))}
                  </div>
                </td>
                <td className="w-full py-2 text-gray-600">{i.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>

      <Panel title="Custom types">
        {rules.customTypes.length === 0 ? (
          <p className="text-sm text-gray-500">
            No custom types yet. Add one for an id your other systems share, such as a CRM or loyalty id: events
            carrying the same one are then stitched into one profile.
          </p>
        ) : (
          <ul className="divide-y divide-gray-100">
            {rules.customTypes.map((c) => (
              <li key={c.type} data-testid="custom-type" className="py-3 first:pt-0">
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="font-mono text-sm font-medium text-gray-900">{c.type}</p>
                    <div className="mt-1 flex flex-wrap items-center gap-1">
                      <span className="mr-1 text-xs text-gray-500">Read from</span>
                      {c.paths.map((path) => (
                        <Chip
                          key={path}
                          tone="blue"
                          removeLabel={readOnly ? undefined : `Stop reading ${c.type} from ${path}`}
                          onRemove={
                            readOnly
                              ? undefined
                              : () =>
                                  update((r) => ({
                                    ...r,
                                    customTypes: r.customTypes.map((t) =>
                                      t.type === c.type ? { ...t, paths: t.paths.filter((p) => p !== path) } : t,
                                    ),
                                  }))
                          }
                        >
                          {path}
                        </Chip>
                      ))}
                      <Chip title={`Entries of type ${c.type} in ${also} are always read`}>
                        {also} <span className="font-sans text-gray-400">(always)</span>
                      </Chip>
                    </div>
                  </div>
                  {!readOnly && (
                    <Button
                      variant="light"
                      color="red"
                      icon={Trash2}
                      aria-label={`Remove identifier type ${c.type}`}
                      onClick={() => update((r) => withoutType(r, c.type))}
                    >
                      Remove
                    </Button>
                  )}
                </div>
                {!readOnly && <AddPath type={c.type} paths={c.paths} update={update} />}
              </li>
            ))}
          </ul>
        )}
        {!readOnly && (
          <div className="mt-4">
            <AddType rules={rules} update={update} />
          </div>
        )}
      </Panel>
    </>
  );
}
