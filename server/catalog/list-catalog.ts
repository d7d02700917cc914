import { and, asc, eq, ilike, max, min, or, sql, type SQL } from "drizzle-orm";
import { eventCatalog, sources } from "@/db/schema";
import type { WorkspaceScope } from "../scope";
import type { ListCatalogInput } from "./schema";

/** Rows beyond this are left out (and `truncated` says so): a catalog that large needs a narrower search. */
const MAX_ROWS = 10_000;

export interface CatalogProperty {
  path: string;
  valueType: string;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
}

export interface CatalogEvent {
  sourceId: string;
  sourceName: string | null;
  eventType: string;
  /** "" for calls without a name (identify, group, alias, unnamed page). */
  eventName: string;
  /** Events observed: the count of the most frequent path outside arrays (every message has type and messageId). */
  total: number;
  firstSeen: Date;
  lastSeen: Date;
  /** Paths observed for this event, all of them or those matching the search. */
  properties: CatalogProperty[];
  /** Paths observed in all, whatever the search. */
  propertyCount: number;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const eventKey = (r: { sourceId: string; eventType: string; eventName: string }) => `${r.sourceId}\u0000${r.eventType}\u0000${r.eventName}`;

/**
 * The observed schema of the workspace's events (filled by ingestion as events arrive): per source and
 * event, the property paths with their JSON types, counts and first/last sightings. Most frequent events first.
 */
export async function listCatalog(scope: WorkspaceScope, input: ListCatalogInput) {
  const c = eventCatalog;
  const scoped = and(eq(c.workspaceId, scope.workspaceId), input.sourceId ? eq(c.sourceId, input.sourceId) : undefined);
  const matches: SQL | undefined = input.search
    ? or(ilike(c.path, `%${escapeLike(input.search)}%`), ilike(c.eventName, `%${escapeLike(input.search)}%`))
    : undefined;
  const group = [c.sourceId, c.eventType, c.eventName] as const;
  const [totals, rows, names] = await Promise.all([
    scope.db
      .select({
        sourceId: c.sourceId,
        eventType: c.eventType,
        eventName: c.eventName,
        total: sql<number>`coalesce(max(${c.count}) filter (where ${c.path} not like '%[]%'), max(${c.count}))`.mapWith(Number),
        firstSeen: min(c.firstSeen),
        lastSeen: max(c.lastSeen),
        propertyCount: sql<number>`count(*)`.mapWith(Number),
      })
      .from(c)
      .where(scoped)
      .groupBy(...group),
    scope.db
      .select({ sourceId: c.sourceId, eventType: c.eventType, eventName: c.eventName, path: c.path, valueType: c.valueType, count: c.count, firstSeen: c.firstSeen, lastSeen: c.lastSeen })
      .from(c)
      .where(and(scoped, matches))
      .orderBy(...group.map((col) => asc(col)), asc(c.path), asc(c.valueType))
      .limit(MAX_ROWS + 1),
    scope.db.select({ id: sources.id, name: sources.name }).from(sources).where(eq(sources.workspaceId, scope.workspaceId)),
  ]);

  const sourceNames = new Map(names.map((s) => [s.id, s.name]));
  const byEvent = new Map<string, CatalogEvent>();
  for (const t of totals) {
    byEvent.set(eventKey(t), {
      ...t,
      sourceName: sourceNames.get(t.sourceId) ?? null,
      firstSeen: t.firstSeen ?? new Date(0),
      lastSeen: t.lastSeen ?? new Date(0),
      properties: [],
    });
  }
  for (const { sourceId, eventType, eventName, ...property } of rows.slice(0, MAX_ROWS)) {
    byEvent.get(eventKey({ sourceId, eventType, eventName }))?.properties.push(property);
  }
  const list = [...byEvent.values()]
    .filter((e) => !input.search || e.properties.length > 0)
    .sort((a, b) => b.total - a.total || a.eventType.localeCompare(b.eventType) || a.eventName.localeCompare(b.eventName));
  return { events: list, truncated: rows.length > MAX_ROWS };
}
