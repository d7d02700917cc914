import type { AccessTokenScope } from "./schema";

/** What a request needs to know of its token. */
export interface ActiveToken {
  workspaceId: string;
  id: string;
  scopes: AccessTokenScope[];
}

/**
 * Tokens by hash, remembered for CACHE_MS so a burst of Profile API calls costs one lookup. Revoking in this
 * process forgets them at once; another process (a second web replica) stops accepting a revoked token within
 * CACHE_MS. Unknown hashes are remembered too, so a client retrying a bad token does not reach the database
 * each time. Kept on globalThis: the custom server and Next's bundle load separate copies of this module.
 */
export const CACHE_MS = 2_000;
const MAX_ENTRIES = 10_000;

const holder = globalThis as typeof globalThis & {
  __cdpAccessTokens?: Map<string, { token: ActiveToken | null; until: number }>;
};
const cache = () => (holder.__cdpAccessTokens ??= new Map());

export function cachedToken(hash: string, now = Date.now()): { token: ActiveToken | null } | undefined {
  const hit = cache().get(hash);
  return hit && hit.until > now ? { token: hit.token } : undefined;
}

export function rememberToken(hash: string, token: ActiveToken | null, now = Date.now()): void {
  if (cache().size >= MAX_ENTRIES) cache().clear();
  cache().set(hash, { token, until: now + CACHE_MS });
}

export function forgetAccessTokens(): void {
  cache().clear();
}
