"use client";

import type { IdentityRules } from "@/server/identity/identity-rules";
import { typeLabel } from "./type-label";
import { OrderedList } from "./ordered-list";
import { Panel } from "./rules-section";

type Update = (change: (rules: IdentityRules) => IdentityRules) => void;

/** The order identifier types are trusted in: when a limit is hit, the lowest one is left out first. */
export function IdentifierPriority(props: { order: string[]; update: Update; readOnly: boolean }) {
  const { order, update, readOnly } = props;
  return (
    <Panel title="Priority">
      <p className="mb-3 text-sm text-gray-600">
        Highest first. When an event&apos;s identifiers would break a limit, the lowest-priority one is left out first,
        and the event joins the profile of the others.
      </p>
      <OrderedList
        items={order}
        keyOf={(t) => t}
        label={(t) => t}
        readOnly={readOnly}
        testId="priority-row"
        onChange={(priority) => update((r) => ({ ...r, priority }))}
        render={(t) => (
          <span>
            <span className="text-gray-900">{typeLabel(t)}</span>
            {typeLabel(t) !== t && <span className="ml-2 font-mono text-xs text-gray-500">{t}</span>}
          </span>
        )}
      />
    </Panel>
  );
}
