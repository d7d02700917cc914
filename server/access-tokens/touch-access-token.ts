import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { logFailure } from "../http/reply";

/**
 * Keeps a token's last_used_at without a write per request: at most one UPDATE per token per minute from this
 * process, and the statement itself skips the row when another process refreshed it within the minute.
 * A failed write is logged, never the request's failure.
 */
export const TOUCH_EVERY_MS = 60_000;

const holder = globalThis as typeof globalThis & { __cdpTokenTouches?: Map<string, number> };
const touched = () => (holder.__cdpTokenTouches ??= new Map());

export async function touchAccessToken(db: Db, workspaceId: string, tokenId: string, now = Date.now()) {
  const last = touched().get(tokenId);
  if (last !== undefined && now - last < TOUCH_EVERY_MS) return;
  if (touched().size >= 10_000) touched().clear();
  touched().set(tokenId, now);
  try {
    await db.execute(
      sql`UPDATE access_tokens SET last_used_at = now()
          WHERE workspace_id = ${workspaceId} AND id = ${tokenId}
            AND (last_used_at IS NULL OR last_used_at < now() - ${`${TOUCH_EVERY_MS} milliseconds`}::interval)`,
    );
  } catch (error) {
    logFailure("access tokens: could not record a token's last use", error);
  }
}
