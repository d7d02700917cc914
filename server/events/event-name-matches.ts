import { and, eq, sql } from "drizzle-orm";
import { eventCatalog } from "@/db/schema";
import type { WorkspaceScope } from "../scope";

/**
 * The stored spellings of an event name, matched without case: "order completed" finds "Order Completed"
 * and "order_completed" does not. The catalog knows every spelling seen, so the events query stays an
 * equality on the indexed name column (`= ANY`); the name as typed is always included, so an event the
 * catalog has not counted yet is still found when typed exactly.
 */
export async function eventNameMatches(scope: WorkspaceScope, name: string): Promise<string[]> {
  const rows = await scope.db
    .selectDistinct({ name: eventCatalog.eventName })
    .from(eventCatalog)
    .where(
      and(eq(eventCatalog.workspaceId, scope.workspaceId), sql`lower(${eventCatalog.eventName}) = lower(${name})`),
    );
  return [...new Set([name, ...rows.map((r) => r.name)])];
}
