"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@tremor/react";
import { CircleCheck, Eye, Fingerprint, History, Phone, ShieldCheck, Sparkles } from "lucide-react";
import { useMemo, useState } from "react";
import type { IdentityRulesView } from "@/server/identity/get-identity-rules";
import type { IdentityRules } from "@/server/identity/identity-rules";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { RelativeTime } from "../ui/relative-time";
import { BlockedValues } from "./blocked-values";
import { describeChanges } from "./describe-changes";
import { IdentifierLimits } from "./identifier-limits";
import { IdentifierPriority } from "./identifier-priority";
import { IdentifierTypes } from "./identifier-types";
import { PhoneCountry } from "./phone-country";
import { RulesSection } from "./rules-section";
import { priorityOrder } from "./rules-text";
import { SaveRulesDialog } from "./save-rules-dialog";
import { SourcePriority } from "./source-priority";
import { TraitSurvivorship } from "./trait-survivorship";

/** The saved rules as the editor starts from them: sources deleted since are dropped from the priority order. */
function startingDraft(view: IdentityRulesView): IdentityRules {
  const ids = new Set(view.sources.map((s) => s.id));
  const { survivorship } = view.rules;
  return {
    ...view.rules,
    survivorship: { ...survivorship, sourcePriority: survivorship.sourcePriority.filter((id) => ids.has(id)) },
  };
}

function Editor({ view, canManage, onSaved }: { view: IdentityRulesView; canManage: boolean; onSaved: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<IdentityRules>(() => startingDraft(view));
  const [confirming, setConfirming] = useState(false);
  const readOnly = !canManage;
  const update = (change: (rules: IdentityRules) => IdentityRules) => setDraft((d) => change(d));

  const changes = useMemo(
    () =>
      describeChanges(view.rules, draft, {
        defaultLimits: view.builtIn.limits,
        sourceName: (id) => view.sources.find((s) => s.id === id)?.name ?? "a deleted source",
        countryName: (code) => view.countries.find((c) => c.code === code)?.name ?? code,
      }),
    [view, draft],
  );
  const customTypes = draft.customTypes.map((c) => c.type);
  const types = ["user_id", "email", "phone", "anonymous_id", ...customTypes];
  const order = priorityOrder(draft.priority, customTypes);

  const save = useMutation(
    trpc.identity.updateRules.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.identity.rules.queryKey() });
        setConfirming(false);
        onSaved();
      },
    }),
  );

  return (
    <div className="max-w-7xl pb-24">
      <div className="space-y-3">
        <p className="flex gap-2 rounded-md border border-blue-200 bg-blue-50 px-4 py-3 text-sm text-blue-900">
          <History aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          <span>
            Changes apply to events processed after you save. Profiles already stitched keep their identities and
            traits.
            {view.version && (
              <span className="text-blue-800/80">
                {" "}
                Last saved <RelativeTime date={new Date(view.version)} />.
              </span>
            )}
          </span>
        </p>
        {readOnly && (
          <p
            data-testid="read-only-notice"
            className="flex gap-2 rounded-md border border-gray-200 bg-gray-50 px-4 py-3 text-sm text-gray-700"
          >
            <Eye aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
            You can view these rules and test values. Only owners and admins can change them.
          </p>
        )}
        {view.unreadable && (
          <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
            The saved rules no longer pass validation ({view.unreadable}), so the defaults apply. Saving replaces them.
          </p>
        )}
      </div>

      <div className="mt-6">
        <RulesSection
          id="identifier-types"
          icon={Fingerprint}
          title="Identifier types"
          description={
            <>
              <p>
                The ids that tie a person&apos;s events together. Events sharing any identifier end up in one profile.
              </p>
              <p>Add your own types for ids other systems share, read from the places you name.</p>
            </>
          }
        >
          <IdentifierTypes view={view} rules={draft} update={update} readOnly={readOnly} />
        </RulesSection>

        <RulesSection
          id="merge-protection"
          icon={ShieldCheck}
          title="Merge protection"
          description={
            <>
              <p>Keeps shared devices, placeholder values and test accounts from merging different people.</p>
              <p>Blocked values are never used; limits cap how many identifiers of a type one profile holds.</p>
            </>
          }
        >
          <BlockedValues
            view={view}
            rules={draft}
            update={update}
            readOnly={readOnly}
            types={types}
            edited={changes.length > 0}
          />
          <IdentifierLimits view={view} rules={draft} types={types} update={update} readOnly={readOnly} />
          <IdentifierPriority order={order} update={update} readOnly={readOnly} />
        </RulesSection>

        <RulesSection
          id="phone-numbers"
          icon={Phone}
          title="Phone numbers"
          description={
            <p>Phones are stored in international form, so the same number typed two ways is one identifier.</p>
          }
        >
          <PhoneCountry view={view} rules={draft} update={update} readOnly={readOnly} />
        </RulesSection>

        <RulesSection
          id="trait-survivorship"
          icon={Sparkles}
          title="Trait survivorship"
          description={
            <p>
              When events give a trait different values, which one the profile shows. Every value stays in the
              trait&apos;s history.
            </p>
          }
        >
          <TraitSurvivorship view={view} rules={draft} update={update} readOnly={readOnly} />
          <SourcePriority view={view} rules={draft} update={update} readOnly={readOnly} />
        </RulesSection>
      </div>

      {canManage && changes.length > 0 && (
        <div
          role="region"
          aria-label="Unsaved changes"
          className="fixed bottom-0 left-60 right-0 z-20 border-t border-gray-200 bg-white/95 shadow-[0_-4px_12px_rgba(0,0,0,0.06)] backdrop-blur"
        >
          <div className="flex flex-wrap items-center justify-between gap-3 px-6 py-3">
            <p className="text-sm text-gray-700">
              <span className="font-medium text-gray-900">
                {changes.length === 1 ? "1 unsaved change" : `${changes.length} unsaved changes`}
              </span>
              <span className="text-gray-500"> · nothing changes until you save</span>
            </p>
            <div className="flex gap-2">
              <Button variant="secondary" onClick={() => setDraft(startingDraft(view))}>
                Discard
              </Button>
              <Button
                onClick={() => {
                  save.reset();
                  setConfirming(true);
                }}
              >
                Review and save
              </Button>
            </div>
          </div>
        </div>
      )}
      <SaveRulesDialog
        open={confirming}
        changes={changes}
        pending={save.isPending}
        error={save.error}
        onCancel={() => setConfirming(false)}
        onConfirm={() => save.mutate({ ...draft, baseVersion: view.version })}
      />
    </div>
  );
}

/** The Identity rules page: loads the rules and edits them (read-only without identity:manage). */
export function IdentityRulesEditor({ canManage }: { canManage: boolean }) {
  const trpc = useTRPC();
  // Read once: a refetch in the background would replace the rules being edited. Someone else's save in the
  // meantime is caught on saving (the server refuses a save over a version it did not start from).
  const query = useQuery({
    ...trpc.identity.rules.queryOptions(),
    staleTime: Infinity,
    refetchOnReconnect: false,
  });
  const [saved, setSaved] = useState(false);
  if (query.isLoading) return <p className="text-sm text-gray-500">Loading the identity rules…</p>;
  if (!query.data) return <ErrorText error={query.error ?? { message: "The identity rules could not be loaded" }} />;
  return (
    <>
      {saved && (
        <p
          role="status"
          className="mb-4 flex items-center gap-2 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
        >
          <CircleCheck aria-hidden className="h-4 w-4" />
          Identity rules saved. They apply to events processed from now on.
        </p>
      )}
      <Editor
        key={query.data.version ?? "defaults"}
        view={query.data}
        canManage={canManage}
        onSaved={() => setSaved(true)}
      />
    </>
  );
}
