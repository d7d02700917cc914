import type { Db } from "@/db/client";
import { sourceByWriteKey } from "../sources/source-by-write-key";
import type { TrackingErrorCode } from "./tracking-replies";

export interface TrackingSource {
  workspaceId: string;
  id: string;
  rateLimitPerSecond: number | null;
}

export type Authenticated =
  { ok: true; source: TrackingSource } | { ok: false; code: TrackingErrorCode; message: string };

/**
 * The write key from HTTP Basic authentication (the key is the user name, the password is empty; a key sent
 * as the password alone is accepted too). Null when the header is absent or not Basic.
 */
export function basicAuthKey(authorization: string | null): string | null {
  if (!authorization) return null;
  const match = /^basic\s+(\S+)\s*$/i.exec(authorization);
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const user = colon < 0 ? decoded : decoded.slice(0, colon);
  return user || (colon < 0 ? null : decoded.slice(colon + 1)) || null;
}

/** The source behind a write key, when it may send tracking events (known, enabled, of type http). */
export async function authenticateSource(db: Db, writeKey: string | null): Promise<Authenticated> {
  if (!writeKey)
    return {
      ok: false,
      code: "missing_write_key",
      message: "send the source's write key as the Basic auth user name, or as writeKey in the body",
    };
  const row = await sourceByWriteKey(db, writeKey);
  if (!row) return { ok: false, code: "invalid_write_key", message: "the write key does not belong to any source" };
  if (!row.enabled) return { ok: false, code: "source_disabled", message: "the source of this write key is disabled" };
  if (row.type !== "http")
    return {
      ok: false,
      code: "source_not_http",
      message: `the source of this write key is a ${row.type} source; the tracking API takes http sources only`,
    };
  return {
    ok: true,
    source: { workspaceId: row.workspaceId, id: row.id, rateLimitPerSecond: row.settings?.rateLimitPerSecond ?? null },
  };
}
