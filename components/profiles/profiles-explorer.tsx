"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  Button,
  Card,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeaderCell,
  TableRow,
  TextInput,
} from "@tremor/react";
import { Search, UsersRound } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { CursorPager, useCursorPages } from "../ui/cursor-pager";
import { ErrorText } from "../ui/error-text";
import { Pill } from "../ui/pill";
import { RelativeTime } from "../ui/relative-time";
import { identifierLabel } from "./identifier-labels";

const PAGE_SIZE = 25;
type Cursor = { at: string; id: string };

/** Every profile of the workspace, most recently active first; search by any identifier or trait value. */
export function ProfilesExplorer() {
  const trpc = useTRPC();
  const [draft, setDraft] = useState("");
  const [query, setQuery] = useState<string | undefined>();
  const pages = useCursorPages<Cursor>();
  const list = useQuery({
    ...trpc.profiles.search.queryOptions({ query, after: pages.cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const profiles = list.data?.profiles ?? [];

  return (
    <Card data-testid="profiles-explorer">
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(draft.trim() || undefined);
          pages.reset();
        }}
      >
        <TextInput
          icon={Search}
          value={draft}
          onValueChange={setDraft}
          placeholder="Email, user id, anonymous id, phone, or a trait value"
          className="max-w-md"
          aria-label="Search profiles"
        />
        <Button type="submit">Search</Button>
        {query && (
          <Button
            type="button"
            variant="light"
            onClick={() => {
              setDraft("");
              setQuery(undefined);
              pages.reset();
            }}
          >
            Clear
          </Button>
        )}
      </form>
      <div className="mt-4">
        <ErrorText error={list.error} />
      </div>
      {list.data && profiles.length === 0 && (
        <div className="mt-4 rounded-md border border-dashed border-gray-300 px-6 py-10 text-center">
          <UsersRound aria-hidden className="mx-auto mb-3 h-10 w-10 text-gray-300" />
          {query ? (
            <p className="font-medium text-gray-900">No profile has an identifier or trait matching “{query}”.</p>
          ) : (
            <>
              <p className="font-medium text-gray-900">No profiles yet</p>
              <p className="mx-auto mt-1 max-w-md text-sm text-gray-500">
                Profiles appear as events arrive: every anonymous id, user id, email or phone an event carries joins a
                profile. Send events from a{" "}
                <Link href="/sources" className="text-blue-700 hover:underline">
                  source
                </Link>
                .
              </p>
            </>
          )}
        </div>
      )}
      {profiles.length > 0 && (
        <Table className={`mt-2 ${list.isPlaceholderData ? "opacity-60" : ""}`}>
          <TableHead>
            <TableRow>
              <TableHeaderCell>Person</TableHeaderCell>
              <TableHeaderCell>Identifiers</TableHeaderCell>
              <TableHeaderCell>First seen</TableHeaderCell>
              <TableHeaderCell>Last seen</TableHeaderCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {profiles.map((p) => (
              <TableRow key={p.id} data-testid="profile-row">
                <TableCell>
                  <Link href={`/profiles/${p.id}`} className="font-medium text-blue-700 hover:underline">
                    {p.label}
                  </Link>
                </TableCell>
                <TableCell className="whitespace-normal">
                  <div className="flex max-w-xl flex-wrap gap-1">
                    {p.identifiers.slice(0, 4).map((i) => (
                      <Pill
                        key={`${i.type}:${i.value}`}
                        title={identifierLabel(i.type)}
                        tone={i.type === "anonymous_id" ? "gray" : "blue"}
                      >
                        <span className="max-w-56 truncate">{i.value}</span>
                      </Pill>
                    ))}
                    {p.identifiers.length > 4 && <Pill>+{p.identifiers.length - 4} more</Pill>}
                  </div>
                </TableCell>
                <TableCell className="text-sm text-gray-500">
                  <RelativeTime date={p.firstSeen} />
                </TableCell>
                <TableCell className="text-sm text-gray-500">
                  <RelativeTime date={p.lastSeen} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <CursorPager
        pages={pages}
        next={list.data?.nextCursor}
        busy={list.isPlaceholderData}
        label={`Page ${pages.page + 1} · most recently active first`}
      />
    </Card>
  );
}
