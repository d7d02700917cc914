"use client";

import { useQuery } from "@tanstack/react-query";
import { Card } from "@tremor/react";
import { ChevronDown, ChevronRight, History } from "lucide-react";
import { Fragment, useState } from "react";
import { useTRPC } from "../trpc/client";
import { DateTime } from "../ui/date-time";

export interface TraitView {
  name: string;
  key: string | null;
  value: unknown;
  updatedAt: Date;
  source: string | null;
  versions: number;
}

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function TraitHistory({ profileId, name }: { profileId: string; name: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.profiles.traitHistory.queryOptions({ profileId, name }));
  if (!history.data) return <p className="px-3 py-2 text-xs text-gray-500">Loading history…</p>;
  return (
    <ol className="space-y-1 border-l-2 border-gray-200 py-2 pl-3" aria-label={`History of ${name}`}>
      {history.data.map((h, i) => (
        <li key={`${h.eventId}-${i}`} className="flex flex-wrap items-baseline gap-x-3 text-xs">
          <span className="font-mono text-gray-900 [overflow-wrap:anywhere]">{show(h.value)}</span>
          <span className="text-gray-500">
            from {h.source ?? "a deleted source"} · <DateTime date={h.at} />
          </span>
          {h.current && <span className="text-emerald-700">current</span>}
        </li>
      ))}
    </ol>
  );
}

/** The golden record: each trait's surviving value (by the workspace's survivorship rules), its source, and its history on demand. */
export function ProfileTraits({ profileId, traits }: { profileId: string; traits: TraitView[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card>
      <h2 className="mb-3 font-medium">Traits</h2>
      {traits.length === 0 ? (
        <p className="text-sm text-gray-500">
          No traits yet: they come from identify calls (and context.traits) of this person.
        </p>
      ) : (
        <dl className="grid grid-cols-[minmax(8rem,max-content)_1fr] gap-x-4 gap-y-2 text-sm">
          {traits.map((t) => (
            <Fragment key={t.name}>
              <dt className="font-mono text-gray-600">{t.name}</dt>
              <dd className="min-w-0">
                <div className="flex flex-wrap items-baseline gap-x-3">
                  <span className="text-gray-900 [overflow-wrap:anywhere]">{show(t.value)}</span>
                  <span className="text-xs text-gray-500">
                    {t.source ?? "a deleted source"} · <DateTime date={t.updatedAt} />
                  </span>
                  {t.versions > 1 && t.key && (
                    <button
                      type="button"
                      onClick={() => setOpen(open === t.name ? null : t.name)}
                      className="inline-flex items-center gap-1 text-xs text-blue-700 hover:underline"
                      aria-expanded={open === t.name}
                      aria-label={`${t.name}: history of ${t.versions} updates`}
                    >
                      {open === t.name ? <ChevronDown className="h-3 w-3" /> : <ChevronRight className="h-3 w-3" />}
                      <History className="h-3 w-3" aria-hidden /> History ({t.versions})
                    </button>
                  )}
                </div>
                {open === t.name && t.key && <TraitHistory profileId={profileId} name={t.key} />}
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
    </Card>
  );
}
