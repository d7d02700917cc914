import type { Privacy } from "../privacy/privacy";

/** One catalog row as event_catalog holds it, with its source. */
export interface CatalogRow {
  sourceId: string;
  eventType: string;
  eventName: string;
  path: string;
  valueType: string;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
}

/** Per source and event: how many events, when, and how many paths (whatever the search). */
export interface SourceTotal {
  sourceId: string;
  eventType: string;
  eventName: string;
  total: number;
  firstSeen: Date | null;
  lastSeen: Date | null;
  propertyCount: number;
}

export interface CatalogProperty {
  path: string;
  valueType: string;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
}

export interface CatalogSource {
  sourceId: string;
  sourceName: string | null;
  total: number;
  firstSeen: Date;
  lastSeen: Date;
}

/** One event name of one call type, across every source that sends it. */
export interface CatalogEvent {
  eventType: string;
  /** "" for calls without a name (identify, group, alias, unnamed page). */
  eventName: string;
  /** Events observed, summed over the sources. */
  total: number;
  firstSeen: Date;
  lastSeen: Date;
  /** The sources sending it, most events first. */
  sources: CatalogSource[];
  /** Paths observed, merged over the sources (counts summed): all of them, or those matching the search. */
  properties: CatalogProperty[];
  /** Distinct paths observed in all, whatever the search. */
  propertyCount: number;
}

const earlier = (a: Date, b: Date) => (a < b ? a : b);
const later = (a: Date, b: Date) => (a > b ? a : b);

/**
 * Folds per-source rows into one entry per (type, name), names and paths read through `privacy` (a role
 * without pii:read sees personal parts of them masked, and its search matches only what it can see).
 */
export function groupCatalog(
  totals: SourceTotal[],
  rows: CatalogRow[],
  pathCounts: Map<string, number>,
  sourceNames: Map<string, string>,
  privacy: Privacy,
  search: string | undefined,
) {
  const key = (type: string, name: string) => `${type}\u0000${name}`;
  const groups = new Map<string, CatalogEvent & { byPath: Map<string, CatalogProperty> }>();
  for (const t of totals) {
    const k = key(t.eventType, t.eventName);
    const firstSeen = t.firstSeen ?? new Date(0);
    const lastSeen = t.lastSeen ?? new Date(0);
    let group = groups.get(k);
    if (!group) {
      group = {
        eventType: t.eventType,
        eventName: privacy.text(t.eventName),
        total: 0,
        firstSeen,
        lastSeen,
        sources: [],
        properties: [],
        propertyCount: pathCounts.get(k) ?? t.propertyCount,
        byPath: new Map(),
      };
      groups.set(k, group);
    }
    group.total += t.total;
    group.firstSeen = earlier(group.firstSeen, firstSeen);
    group.lastSeen = later(group.lastSeen, lastSeen);
    group.sources.push({
      sourceId: t.sourceId,
      sourceName: sourceNames.get(t.sourceId) ?? null,
      total: t.total,
      firstSeen,
      lastSeen,
    });
  }
  const needle = search?.toLowerCase();
  for (const row of rows) {
    const group = groups.get(key(row.eventType, row.eventName));
    if (!group) continue;
    const path = privacy.path(row.path);
    if (
      needle &&
      !privacy.readsPii &&
      !path.toLowerCase().includes(needle) &&
      !group.eventName.toLowerCase().includes(needle)
    )
      continue;
    const pathKey = `${path}\u0000${row.valueType}`;
    const seen = group.byPath.get(pathKey);
    if (seen) {
      seen.count += row.count;
      seen.firstSeen = earlier(seen.firstSeen, row.firstSeen);
      seen.lastSeen = later(seen.lastSeen, row.lastSeen);
    } else {
      group.byPath.set(pathKey, {
        path,
        valueType: row.valueType,
        count: row.count,
        firstSeen: row.firstSeen,
        lastSeen: row.lastSeen,
      });
    }
  }
  return [...groups.values()]
    .map(({ byPath, ...group }): CatalogEvent => ({
      ...group,
      sources: group.sources.sort(
        (a, b) => b.total - a.total || (a.sourceName ?? "").localeCompare(b.sourceName ?? ""),
      ),
      properties: [...byPath.values()].sort((a, b) =>
        a.path < b.path ? -1 : a.path > b.path ? 1 : a.valueType.localeCompare(b.valueType),
      ),
    }))
    .filter((e) => !search || e.properties.length > 0)
    .sort(
      (a, b) => b.total - a.total || a.eventType.localeCompare(b.eventType) || a.eventName.localeCompare(b.eventName),
    );
}
