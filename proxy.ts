import { NextResponse, type NextRequest } from "next/server";
import { foreignOriginReason } from "@/server/auth/origin-check";
import { newNonce, securityHeaders, servedOverHttps } from "@/server/auth/security-headers";
import { env } from "@/server/env";

/**
 * Before any route: refuses state-changing requests sent from another site (CSRF), and gives every answer
 * the security headers (CSP with a per-request nonce, no framing, nosniff, referrer policy, HSTS over https).
 * Next finds the nonce in the request's Content-Security-Policy header and puts it on its own scripts.
 */
export function proxy(request: NextRequest) {
  const config = env();
  const https = servedOverHttps({
    authUrl: config.AUTH_URL,
    trustedProxyHops: config.CDP_TRUSTED_PROXY_HOPS,
    forwardedProto: request.headers.get("x-forwarded-proto"),
    requestProtocol: request.nextUrl.protocol,
  });
  const nonce = newNonce();
  const headers = securityHeaders(nonce, https);

  const reason = foreignOriginReason(request.method, request.nextUrl.pathname, request.headers);
  if (reason) return NextResponse.json({ error: { code: "forbidden", message: reason } }, { status: 403, headers });

  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  return NextResponse.next({ request: { headers: forwarded }, headers });
}

// File uploads skip the proxy: Next would copy their bodies for it and cut them at 10 MB. The upload route
// runs the same origin check itself.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|api/imports/).*)"] };
