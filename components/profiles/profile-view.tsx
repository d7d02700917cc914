"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@tremor/react";
import { GitMerge, Info } from "lucide-react";
import Link from "next/link";
import { useTRPC } from "../trpc/client";
import { DateTime } from "../ui/date-time";
import { ErrorText } from "../ui/error-text";
import { Pill } from "../ui/pill";
import { RelativeTime } from "../ui/relative-time";
import { identifierLabel } from "./identifier-labels";
import { ProfileTimeline } from "./profile-timeline";
import { ProfileTraits } from "./profile-traits";

/** One person: identities, golden-record traits, merge history, identifiers left out, and the timeline. */
export function ProfileView({ profileId }: { profileId: string }) {
  const trpc = useTRPC();
  const profile = useQuery(trpc.profiles.get.queryOptions({ profileId }));
  if (profile.error) return <ErrorText error={profile.error} />;
  const p = profile.data;
  if (!p) return <p className="text-sm text-gray-500">Loading profile…</p>;

  return (
    <div className="space-y-6" data-testid="profile-view">
      <div>
        <Link href="/profiles" className="text-sm text-blue-700 hover:underline">
          ← All profiles
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight" data-testid="profile-label">
          {p.label}
        </h1>
        <p className="mt-1 text-sm text-gray-500">
          First seen <DateTime date={p.firstSeen} /> · last seen <RelativeTime date={p.lastSeen} /> ·{" "}
          {p.identities.length} identifier{p.identities.length === 1 ? "" : "s"}
        </p>
        {p.mergedFrom && (
          <p className="mt-2 inline-flex items-center gap-2 rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-800">
            <Info className="h-4 w-4" aria-hidden /> The profile you opened was merged into this one.
          </p>
        )}
      </div>

      <div className="grid gap-6 2xl:grid-cols-2">
        <Card>
          <h2 className="mb-3 font-medium">Identities</h2>
          <Table>
            <TableHead>
              <TableRow>
                <TableHeaderCell>Type</TableHeaderCell>
                <TableHeaderCell>Value</TableHeaderCell>
                <TableHeaderCell>First seen</TableHeaderCell>
                <TableHeaderCell>Last seen</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {p.identities.map((i) => (
                <TableRow key={`${i.type}:${i.value}`} data-testid="identity-row">
                  <TableCell className="text-sm text-gray-600">{identifierLabel(i.type)}</TableCell>
                  <TableCell className="whitespace-normal font-mono text-xs [overflow-wrap:anywhere]">
                    {i.value}
                  </TableCell>
                  <TableCell className="text-xs text-gray-500">
                    <DateTime date={i.firstSeen} />
                    <div>{i.source ? `in ${i.source}` : "in a deleted source"}</div>
                  </TableCell>
                  <TableCell className="text-xs text-gray-500">
                    <RelativeTime date={i.lastSeen} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
        <ProfileTraits profileId={p.id} traits={p.traits} />
      </div>

      {(p.merges.length > 0 || p.notes.length > 0) && (
        <div className="grid gap-6 2xl:grid-cols-2">
          {p.merges.length > 0 && (
            <Card>
              <h2 className="mb-3 flex items-center gap-2 font-medium">
                <GitMerge className="h-4 w-4 text-gray-400" aria-hidden /> Merge history
              </h2>
              <ul className="space-y-2 text-sm">
                {p.merges.map((m) => (
                  <li key={`${m.fromProfileId}-${m.eventId}`} className="flex flex-wrap items-baseline gap-x-2">
                    <DateTime date={m.at} className="text-gray-500" />
                    <span>another profile joined this one, linked by an event carrying</span>
                    {m.identifiers.map((i) => (
                      <Pill key={`${i.type}:${i.value}`} title={identifierLabel(i.type)}>
                        {i.value}
                      </Pill>
                    ))}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          {p.notes.length > 0 && (
            <Card>
              <h2 className="mb-3 font-medium">Identifiers left out</h2>
              <ul className="space-y-1 text-sm">
                {p.notes.map((n, i) => (
                  <li key={`${n.eventId}-${i}`}>
                    <span className="text-gray-600">{identifierLabel(n.type)}</span>
                    {n.value && <span className="ml-1 font-mono text-xs">{n.value}</span>}:{" "}
                    <span className="text-gray-700">{n.reason}</span>
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </div>
      )}

      <ProfileTimeline profileId={p.id} />
    </div>
  );
}
