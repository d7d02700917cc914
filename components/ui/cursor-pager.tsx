"use client";

import { useState, type ReactNode } from "react";

/** Pages of a keyset-paged list: the cursor where each visited page starts (page 0 starts at the newest item). */
export function useCursorPages<C>() {
  const [cursors, setCursors] = useState<(C | undefined)[]>([undefined]);
  return {
    page: cursors.length - 1,
    cursor: cursors[cursors.length - 1],
    reset: () => setCursors([undefined]),
    newer: () => setCursors((c) => c.slice(0, -1)),
    older: (next: C) => setCursors((c) => [...c, next]),
  };
}
export type CursorPages<C> = ReturnType<typeof useCursorPages<C>>;

/** Newer / Older buttons under a keyset-paged list; hidden while everything fits on the first page. */
export function CursorPager<C>({
  pages,
  next,
  busy = false,
  label,
}: {
  pages: CursorPages<C>;
  next: C | null | undefined;
  busy?: boolean;
  label?: ReactNode;
}) {
  if (pages.page === 0 && !next) return null;
  return (
    <div className="mt-4 flex items-center justify-between text-sm text-gray-600">
      <span>{label}</span>
      <div className="flex gap-2">
        <button
          type="button"
          disabled={pages.page === 0}
          onClick={pages.newer}
          className="rounded border px-3 py-1 disabled:opacity-40"
        >
          Newer
        </button>
        <button
          type="button"
          disabled={!next || busy}
          onClick={() => next && pages.older(next)}
          className="rounded border px-3 py-1 disabled:opacity-40"
        >
          Older
        </button>
      </div>
    </div>
  );
}
