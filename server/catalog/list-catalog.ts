import { and, asc, eq, ilike, max, min, or, sql, type SQL } from "drizzle-orm";
import { eventCatalog, sources } from "@/db/schema";
import { privacyFor } from "../privacy/privacy";
import type { WorkspaceScope } from "../scope";
import { groupCatalog } from "./group-catalog";
import type { ListCatalogInput } from "./schema";

export type { CatalogEvent, CatalogProperty, CatalogSource } from "./group-catalog";

/** Rows beyond this are left out (and `truncated` says so): a catalog that large needs a narrower search. */
const MAX_ROWS = 10_000;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The observed schema of the workspace's events (filled by ingestion as events arrive): one entry per event
 * name and call type, with the sources sending it, the property paths seen (JSON types, counts, first/last
 * sightings) merged over those sources. Most frequent events first.
 */
export async function listCatalog(scope: WorkspaceScope, input: ListCatalogInput) {
  const c = eventCatalog;
  const scoped = and(
    eq(c.workspaceId, scope.workspaceId),
    input.sourceId ? eq(c.sourceId, input.sourceId) : undefined,
    input.type ? eq(c.eventType, input.type) : undefined,
  );
  const matches: SQL | undefined = input.search
    ? or(ilike(c.path, `%${escapeLike(input.search)}%`), ilike(c.eventName, `%${escapeLike(input.search)}%`))
    : undefined;
  const group = [c.sourceId, c.eventType, c.eventName] as const;
  const [totals, rows, pathCounts, names] = await Promise.all([
    scope.db
      .select({
        sourceId: c.sourceId,
        eventType: c.eventType,
        eventName: c.eventName,
        // Every message has type and messageId: the most frequent path outside arrays counts the events.
        total: sql<number>`coalesce(max(${c.count}) filter (where ${c.path} not like '%[]%'), max(${c.count}))`.mapWith(
          Number,
        ),
        firstSeen: min(c.firstSeen),
        lastSeen: max(c.lastSeen),
        propertyCount: sql<number>`count(*)`.mapWith(Number),
      })
      .from(c)
      .where(scoped)
      .groupBy(...group),
    scope.db
      .select({
        sourceId: c.sourceId,
        eventType: c.eventType,
        eventName: c.eventName,
        path: c.path,
        valueType: c.valueType,
        count: c.count,
        firstSeen: c.firstSeen,
        lastSeen: c.lastSeen,
      })
      .from(c)
      .where(and(scoped, matches))
      .orderBy(...group.map((col) => asc(col)), asc(c.path), asc(c.valueType))
      .limit(MAX_ROWS + 1),
    scope.db
      .select({
        eventType: c.eventType,
        eventName: c.eventName,
        paths: sql<number>`count(distinct (${c.path}, ${c.valueType}))`.mapWith(Number),
      })
      .from(c)
      .where(scoped)
      .groupBy(c.eventType, c.eventName),
    scope.db
      .select({ id: sources.id, name: sources.name })
      .from(sources)
      .where(eq(sources.workspaceId, scope.workspaceId)),
  ]);
  const events = groupCatalog(
    totals,
    rows.slice(0, MAX_ROWS),
    new Map(pathCounts.map((p) => [`${p.eventType}\u0000${p.eventName}`, p.paths])),
    new Map(names.map((s) => [s.id, s.name])),
    privacyFor(scope.role),
    input.search,
  );
  return { events, truncated: rows.length > MAX_ROWS };
}
