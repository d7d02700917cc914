import type { Resource } from "./parse-profile-path";

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 200;
const MAX_INCLUDE = 200;

export interface PageParams {
  limit: number;
  /** The cursor's values, decoded; null on the first page. */
  next: string[] | null;
  /** traits only: the trait names asked for; null for all. */
  include: string[] | null;
}

const ALLOWED: Record<Resource, string[]> = {
  traits: ["include", "limit", "next"],
  events: ["limit", "next"],
  external_ids: ["limit", "next"],
  metadata: [],
};

/** A keyset cursor: the sort key of a page's last row, as base64url JSON (opaque to clients). */
export const encodeCursor = (values: string[]) => Buffer.from(JSON.stringify(values)).toString("base64url");

function decodeCursor(text: string, width: number): string[] | null {
  try {
    const values: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    return Array.isArray(values) && values.length === width && values.every((v) => typeof v === "string")
      ? values
      : null;
  } catch {
    return null;
  }
}

/** How many values each resource's cursor holds (its sort key). */
const CURSOR_WIDTH: Record<Resource, number> = { traits: 1, events: 2, external_ids: 3, metadata: 0 };

/** The query string's paging parameters for `resource`, or the problem with them (answered 400). */
export function parsePageParams(
  resource: Resource,
  query: string,
): { ok: true; params: PageParams } | { ok: false; message: string } {
  const search = new URLSearchParams(query);
  const allowed = ALLOWED[resource];
  for (const key of new Set(search.keys())) {
    if (!allowed.includes(key))
      return {
        ok: false,
        message: `unknown query parameter "${key.slice(0, 40)}"; ${resource} takes ${allowed.length ? allowed.join(", ") : "none"}`,
      };
    if (search.getAll(key).length > 1) return { ok: false, message: `give ${key} once` };
  }
  let limit = DEFAULT_LIMIT;
  const limitText = search.get("limit");
  if (limitText !== null) {
    limit = /^\d{1,4}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT))
      return {
        ok: false,
        message: `limit must be a whole number from 1 to ${MAX_LIMIT}; got "${limitText.slice(0, 20)}"`,
      };
  }
  let next: string[] | null = null;
  const nextText = search.get("next");
  if (nextText !== null && nextText !== "") {
    next = decodeCursor(nextText, CURSOR_WIDTH[resource]);
    if (!next)
      return { ok: false, message: "next is not a cursor this API gave out; pass cursor.next of the previous page" };
  }
  let include: string[] | null = null;
  const includeText = search.get("include");
  if (includeText !== null) {
    include = [
      ...new Set(
        includeText
          .split(",")
          .map((n) => n.trim())
          .filter(Boolean),
      ),
    ];
    if (include.length === 0) return { ok: false, message: "include names no trait; give names separated by commas" };
    if (include.length > MAX_INCLUDE) return { ok: false, message: `include names over ${MAX_INCLUDE} traits` };
  }
  return { ok: true, params: { limit, next, include } };
}
