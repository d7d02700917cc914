import type { Db } from "@/db/client";
import { authenticateAccessToken } from "../access-tokens/authenticate-access-token";
import { errorReply, failureReply, jsonReply, type Reply } from "../http/reply";
import { parsePageParams } from "./page-params";
import { parseProfilePath } from "./parse-profile-path";
import type { ProfileApiCall } from "./profile-api-call";
import { readEvents } from "./read-events";
import { readExternalIds } from "./read-external-ids";
import { readMetadata } from "./read-metadata";
import { readTraits } from "./read-traits";
import { resolveProfile } from "./resolve-profile";

export interface ProfileApiDeps {
  getDb(): Promise<Db>;
}

/** Both schemes a client may use; sent with every 401 (RFC 9110 §11.6.1). */
const CHALLENGE = 'Basic realm="Profile API", charset="UTF-8", Bearer realm="Profile API"';

/**
 * The Profile API, in the shape of Segment's: GET /v1/profiles/{type}:{value}/{traits|events|external_ids|metadata},
 * authenticated by a workspace access token with the profiles:read scope. Answers from stored rows only (the
 * golden record, the identity graph, profile_events), every read scoped to the token's workspace — another
 * workspace's profile is simply not found. Full values, not masked: the caller is the workspace's own
 * integration, holding a token made for exactly this.
 *
 * 405 for any method but GET · 400 for a malformed path, identifier, type or parameter · 401 (with
 * WWW-Authenticate) for a missing, unknown or revoked token · 403 without the scope · 404 for no such profile.
 */
export async function handleProfileApi(call: ProfileApiCall, deps: ProfileApiDeps): Promise<Reply> {
  if (call.method !== "GET")
    return errorReply(405, "method_not_allowed", `${call.method} is not allowed here; the Profile API answers GET`, {
      allow: "GET",
    });
  const route = parseProfilePath(call.path);
  if (!route.ok) return errorReply(400, "bad_path", route.message);
  try {
    const db = await deps.getDb();
    const auth = await authenticateAccessToken(db, call.header("authorization"), "profiles:read");
    if (!auth.ok)
      return errorReply(
        auth.status,
        auth.code,
        auth.message,
        auth.status === 401 ? { "www-authenticate": CHALLENGE } : {},
      );
    const paging = parsePageParams(route.resource, call.query);
    if (!paging.ok) return errorReply(400, "bad_parameter", paging.message);
    const w = auth.token.workspaceId;
    const profile = await resolveProfile(db, w, route.type, route.value);
    if (!profile.ok) return errorReply(profile.status, profile.code, profile.message);

    const params = paging.params;
    const url = call.query ? `${call.path}?${call.query}` : call.path;
    const cursor = (page: { hasMore: boolean; next: string | null }) => ({
      url,
      has_more: page.hasMore,
      next: page.next,
    });
    switch (route.resource) {
      case "traits": {
        const page = await readTraits(db, w, profile.profileId, params);
        return jsonReply(200, { traits: page.traits, cursor: cursor(page) });
      }
      case "events": {
        const page = await readEvents(db, w, profile.profileId, params);
        return jsonReply(200, { data: page.data, cursor: cursor(page) });
      }
      case "external_ids": {
        const page = await readExternalIds(db, w, profile.profileId, params);
        return jsonReply(200, { data: page.data, cursor: cursor(page) });
      }
      case "metadata":
        return jsonReply(200, { metadata: await readMetadata(db, w, profile.profileId) });
      default: {
        const unknown: never = route.resource;
        throw new Error(`unhandled resource ${String(unknown)}`);
      }
    }
  } catch (error) {
    return failureReply(error, "the Profile API");
  }
}
