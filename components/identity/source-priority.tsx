"use client";

import { Button } from "@tremor/react";
import { Plus } from "lucide-react";
import { useState } from "react";
import type { IdentityRulesView } from "@/server/identity/get-identity-rules";
import type { IdentityRules } from "@/server/identity/identity-rules";
import { SOURCE_TYPE_INFO } from "../sources/source-types";
import { OrderedList } from "./ordered-list";
import { Panel } from "./rules-section";

type Update = (change: (rules: IdentityRules) => IdentityRules) => void;
type RankedSource = IdentityRulesView["sources"][number];

const kindLabel = (s: RankedSource) => (s.type === "enrichment" ? "Enrichment file" : SOURCE_TYPE_INFO[s.type].label);

/** Sources and enrichment files ranked for the source-priority strategy, highest first; unlisted ones rank below. */
export function SourcePriority(props: {
  view: IdentityRulesView;
  rules: IdentityRules;
  update: Update;
  readOnly: boolean;
}) {
  const { view, rules, update, readOnly } = props;
  const byId = new Map(view.sources.map((s) => [s.id, s]));
  const order = rules.survivorship.sourcePriority;
  const rest = view.sources.filter((s) => !order.includes(s.id));
  const [picked, setPicked] = useState("");
  const setOrder = (sourcePriority: string[]) =>
    update((r) => ({ ...r, survivorship: { ...r.survivorship, sourcePriority } }));
  const used =
    rules.survivorship.default === "source_priority" ||
    Object.values(rules.survivorship.traits).includes("source_priority");

  return (
    <Panel title="Source priority">
      <p className="mb-3 text-sm text-gray-600">
        For traits that use source priority: the value from the highest source or enrichment file here wins. Those not
        listed rank below these, equal to each other.
      </p>
      {!used && (
        <p className="mb-3 rounded-md bg-gray-50 px-3 py-2 text-xs text-gray-600">
          No trait uses source priority yet: this order takes effect once the default or an override does.
        </p>
      )}
      {order.length === 0 ? (
        <p className="text-sm text-gray-500">
          No order yet: every source counts the same. Put your most trusted source, such as your CRM, first.
        </p>
      ) : (
        <OrderedList
          items={order}
          keyOf={(id) => id}
          label={(id) => byId.get(id)?.name ?? "deleted source"}
          readOnly={readOnly}
          testId="source-priority-row"
          onChange={setOrder}
          onRemove={(id) => setOrder(order.filter((x) => x !== id))}
          render={(id) => {
            const source = byId.get(id);
            return source ? (
              <span>
                <span className="text-gray-900">{source.name}</span>
                <span className="ml-2 text-xs text-gray-500">{kindLabel(source)}</span>
              </span>
            ) : (
              <span className="text-gray-500">A deleted source</span>
            );
          }}
        />
      )}
      {!readOnly && (
        <div className="mt-3 flex flex-wrap items-end gap-2">
          {rest.length === 0 ? (
            <p className="text-xs text-gray-500">
              {view.sources.length === 0
                ? "Create a source first: its events bring the traits."
                : "Every source is ranked."}
            </p>
          ) : (
            <>
              <select
                aria-label="Source to rank"
                value={picked}
                onChange={(e) => setPicked(e.target.value)}
                className="rounded-md border border-gray-300 bg-white px-2 py-2 text-sm"
              >
                <option value="">Pick a source…</option>
                {rest.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} ({kindLabel(s)})
                  </option>
                ))}
              </select>
              <Button
                variant="secondary"
                icon={Plus}
                disabled={!picked}
                onClick={() => {
                  setOrder([...order, picked]);
                  setPicked("");
                }}
              >
                Add to the order
              </Button>
            </>
          )}
        </div>
      )}
    </Panel>
  );
}
