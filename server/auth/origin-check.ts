const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Endpoints called by other sites and servers on purpose (they authenticate with keys, not cookies). */
const CROSS_ORIGIN_PATHS = [/^\/v1\//, /^\/api\/webhooks\//, /^\/api\/cron\//, /^\/api\/health$/];

/**
 * Cross-site request forgery guard for cookie-authenticated requests: a state-changing request whose Origin
 * (or, failing that, Sec-Fetch-Site) shows another site is refused. Returns the reason, or null to let it pass.
 */
export function foreignOriginReason(method: string, pathname: string, headers: Headers): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  if (CROSS_ORIGIN_PATHS.some((p) => p.test(pathname))) return null;
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (origin && origin !== "null") {
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return `malformed Origin header "${origin}"`;
    }
    return originHost === host ? null : `cross-site request from ${origin} refused`;
  }
  if (origin === "null") return "cross-site request from an opaque origin refused";
  return headers.get("sec-fetch-site") === "cross-site" ? "cross-site request refused" : null;
}
