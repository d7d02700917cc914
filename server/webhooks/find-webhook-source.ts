import { isUuid } from "@/db/ids";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sources } from "@/db/schema";

export type SourceRow = typeof sources.$inferSelect;

/**
 * The source a webhook URL names. This is the public door: the source id in the URL is all the sender has,
 * so the lookup is by id alone (ids are unique across workspaces); everything after it is scoped to the
 * workspace the source belongs to. Not cached: a changed mapping or secret applies to the next delivery.
 */
export async function findWebhookSource(db: Db, sourceId: string): Promise<SourceRow | null> {
  if (!isUuid(sourceId)) return null;
  const [row] = await db.select().from(sources).where(eq(sources.id, sourceId));
  return row ?? null;
}
