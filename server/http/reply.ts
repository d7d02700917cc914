import { AppError, HTTP_STATUS } from "../errors";

/**
 * The one HTTP error layer of every route handler and the fast path. Every error answer has the shape
 * `{ "error": { "code": "lower_snake_case", "message": "…" } }`; AppError codes map to their status.
 * Whatever is not an AppError is logged by message only (driver errors carry SQL and personal data)
 * and answered 503 with Retry-After, without its text.
 */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function jsonReply(status: number, payload: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { ...headers, "content-type": "application/json", "cache-control": "no-store" },
    body: JSON.stringify(payload),
  };
}

export function errorReply(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { error: { code, message } }, headers);
}

/** A storage or other transient failure: the caller should retry after `retryAfterSeconds`. */
export function unavailableReply(message: string, retryAfterSeconds = 1, headers: Record<string, string> = {}): Reply {
  return errorReply(503, "storage_unavailable", message, { ...headers, "retry-after": String(retryAfterSeconds) });
}

/** An AppError as its status and code; anything else is logged under `context` and answered 503. */
export function failureReply(error: unknown, context: string, headers: Record<string, string> = {}): Reply {
  if (error instanceof AppError)
    return errorReply(HTTP_STATUS[error.code], error.code.toLowerCase(), error.message, headers);
  logFailure(context, error);
  return unavailableReply(`${context} could not be completed right now; retry later`, 5, headers);
}

export function toResponse(reply: Reply): Response {
  return new Response(reply.body, { status: reply.status, headers: reply.headers });
}

/** Web Response shorthands of the above, for route handlers. */
export const errorResponse = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  toResponse(errorReply(status, code, message, headers));
export const failureResponse = (error: unknown, context: string, headers: Record<string, string> = {}) =>
  toResponse(failureReply(error, context, headers));

/**
 * Logs a failure without the error object itself: a driver error's fields include the statement, its
 * parameters and row values. The SQLSTATE code (when there is one) is enough to diagnose.
 */
export function logFailure(context: string, error: unknown): void {
  const e = error as { name?: unknown; code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? ` [${e.code}]` : "";
  const name = typeof e?.name === "string" ? e.name : "Error";
  const message = typeof e?.message === "string" ? e.message.split("\n")[0].slice(0, 300) : String(error).slice(0, 300);
  console.error(`${context}: ${name}${code}: ${message}`);
}
