import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sources } from "@/db/schema";
import { hashWriteKey } from "./write-key";

type SourceRow = typeof sources.$inferSelect;

/**
 * The source a write key belongs to, cached briefly: the tracking API looks it up on every request.
 * Changes made in this process clear the cache at once; other processes see them within CACHE_MS.
 */
const CACHE_MS = 5_000;
const holder = globalThis as typeof globalThis & {
  __cdpSourceKeys?: Map<string, { row: SourceRow | null; until: number }>;
};
const cache = () => (holder.__cdpSourceKeys ??= new Map());

export function forgetSourceKeys(): void {
  cache().clear();
}

export async function sourceByWriteKey(db: Db, writeKey: string): Promise<SourceRow | null> {
  const hash = hashWriteKey(writeKey);
  const hit = cache().get(hash);
  if (hit && hit.until > Date.now()) return hit.row;
  const [row] = await db.select().from(sources).where(eq(sources.writeKeyHash, hash));
  if (cache().size > 10_000) cache().clear();
  cache().set(hash, { row: row ?? null, until: Date.now() + CACHE_MS });
  return row ?? null;
}
