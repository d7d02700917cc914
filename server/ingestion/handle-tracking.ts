import type { Db } from "@/db/client";
import { env } from "../env";
import { logFailure } from "../http/reply";
import { authenticateSource, basicAuthKey, type TrackingSource } from "./authenticate-source";
import { ingestPayload, type TrackingRoute } from "./ingest-payload";
import { rateLimitMessage, takeRequestToken } from "./rate-limit";
import { readPayload } from "./read-payload";
import { recordRejections } from "./record-rejections";
import type { TrackingCall, TrackingReply } from "./tracking-call";
import { corsHeaders, errorReply, jsonReply, preflightReply, unavailableReply } from "./tracking-replies";

export interface TrackingDeps {
  /** The database events are stored in (the process database in production). */
  getDb(): Promise<Db>;
  /** How long a request may wait for the database in all (CDP_STORAGE_TIMEOUT_MS unless given). */
  storageTimeoutMs?: number;
}

/** The database did not answer within the request's storage deadline. */
class StorageTimeout extends Error {
  constructor(ms: number) {
    super(`no answer from the database within ${ms} ms`);
    this.name = "StorageTimeout";
  }
}

/**
 * A request's budget for waiting on the database (a connection, a query, the group commit): once spent, the
 * request answers 503 with Retry-After instead of hanging through an outage. What it waited for may still
 * commit later; the client's retry is then stored once (messageIds are unique per workspace).
 */
class Deadline {
  private at: number;
  constructor(private readonly ms: number) {
    this.at = Date.now() + ms;
  }
  /** Time spent on something else (reading the body) does not count. */
  extend(ms: number): void {
    this.at += ms;
  }
  within<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StorageTimeout(this.ms)), Math.max(0, this.at - Date.now()));
    });
    return Promise.race([work, expired]).finally(() => clearTimeout(timer));
  }
}

const ROUTES: Record<string, TrackingRoute> = {
  "/v1/identify": { kind: "single", type: "identify" },
  "/v1/track": { kind: "single", type: "track" },
  "/v1/page": { kind: "single", type: "page" },
  "/v1/screen": { kind: "single", type: "screen" },
  "/v1/group": { kind: "single", type: "group" },
  "/v1/alias": { kind: "single", type: "alias" },
  "/v1/batch": { kind: "batch" },
  "/v1/import": { kind: "batch" },
};
const ENDPOINTS = Object.keys(ROUTES).join(", ");

type Headers = Record<string, string>;

function rateLimited(source: TrackingSource, headers: Headers): TrackingReply | null {
  if (!source.rateLimitPerSecond) return null;
  const wait = takeRequestToken(source.id, source.rateLimitPerSecond);
  if (wait === 0) return null;
  return errorReply(429, "rate_limited", rateLimitMessage(source.rateLimitPerSecond), {
    ...headers,
    "retry-after": String(wait),
  });
}

/**
 * The Segment-compatible tracking API: POST /v1/{identify,track,page,screen,group,alias,batch,import}.
 * Answers 200 only once the events are committed (ack = durable); a storage failure answers 503 with
 * Retry-After so SDKs retry, and retries are stored once per (workspace, messageId).
 */
export async function handleTracking(call: TrackingCall, deps: TrackingDeps): Promise<TrackingReply> {
  const origin = call.header("origin");
  const cors = corsHeaders(origin);
  const path = call.path.length > 1 && call.path.endsWith("/") ? call.path.slice(0, -1) : call.path;
  const route = ROUTES[path];
  if (!route)
    return errorReply(
      404,
      "not_found",
      `there is no tracking endpoint at ${call.path}; the endpoints are ${ENDPOINTS}`,
      cors,
    );
  if (call.method === "OPTIONS") return preflightReply(origin);
  if (call.method !== "POST")
    return errorReply(405, "method_not_allowed", `${call.method} is not allowed here; send a POST`, {
      ...cors,
      allow: "POST, OPTIONS",
    });
  try {
    return await accept(call, route, deps, cors, new Deadline(deps.storageTimeoutMs ?? env().CDP_STORAGE_TIMEOUT_MS));
  } catch (error) {
    // Nothing unconfirmed may be acknowledged, and the client must not drop what it sent: tell it to retry.
    // Never the error itself: driver errors can carry the statement's parameters, which hold personal data.
    logFailure("tracking API: answered 503", error);
    return unavailableReply(cors);
  }
}

async function accept(
  call: TrackingCall,
  route: TrackingRoute,
  deps: TrackingDeps,
  cors: Headers,
  deadline: Deadline,
): Promise<TrackingReply> {
  const receivedAt = new Date();
  const db = await deadline.within(deps.getDb());

  // With Basic auth the key is known before the body: refuse unknown keys and rate-limited sources unread.
  const headerKey = basicAuthKey(call.header("authorization"));
  let source: TrackingSource | null = null;
  if (headerKey) {
    const auth = await deadline.within(authenticateSource(db, headerKey));
    if (!auth.ok) return errorReply(401, auth.code, auth.message, cors);
    source = auth.source;
    const limited = rateLimited(source, cors);
    if (limited) return limited;
  }

  const reading = Date.now();
  const payload = await readPayload(call);
  deadline.extend(Date.now() - reading);
  if (!payload.ok) {
    if (source)
      await deadline.within(
        recordRejections(db, source.workspaceId, source.id, receivedAt, [
          { reason: payload.message, batchIndex: null, payload: payload.text ?? "" },
        ]),
      );
    // The rest of an oversized body is not worth reading: close the connection instead.
    const headers = payload.code === "request_too_large" ? { ...cors, connection: "close" } : cors;
    return errorReply(payload.status, payload.code, payload.message, headers);
  }

  if (!source) {
    const bodyKey =
      typeof payload.value === "object" && payload.value !== null
        ? (payload.value as { writeKey?: unknown }).writeKey
        : undefined;
    const auth = await deadline.within(authenticateSource(db, typeof bodyKey === "string" ? bodyKey : null));
    if (!auth.ok) return errorReply(401, auth.code, auth.message, cors);
    source = auth.source;
    const limited = rateLimited(source, cors);
    if (limited) return limited;
  }

  const outcome = await deadline.within(ingestPayload(db, source, route, payload.value, receivedAt));
  if (!outcome.ok) {
    if (route.kind === "batch")
      await deadline.within(
        recordRejections(db, source.workspaceId, source.id, receivedAt, [
          { reason: outcome.message, batchIndex: null, payload: payload.text },
        ]),
      );
    return errorReply(outcome.status, outcome.code, outcome.message, cors);
  }
  return jsonReply(
    200,
    { success: true, accepted: outcome.accepted, duplicates: outcome.duplicates, rejected: outcome.rejected },
    cors,
  );
}
