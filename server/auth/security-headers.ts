/**
 * The security headers of every console response (set by proxy.ts).
 *
 * Content-Security-Policy: scripts only with this response's nonce ('strict-dynamic' lets those load the
 * chunks they import); Next reads the nonce from the request's CSP header and puts it on its own scripts, so
 * every page must render per request (the console's do: they read the session). Styles allow inline: React
 * components and Tremor set `style` attributes, which no nonce can cover; style injection cannot run code.
 * Everything else only from this origin; no plugins, no framing, forms post only here.
 */
export function contentSecurityPolicy(nonce: string, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** A fresh nonce per response: 16 random bytes, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export const HSTS = "max-age=63072000; includeSubDomains";

export function securityHeaders(nonce: string, https: boolean): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, https),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ...(https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/**
 * Whether the browser reached the console over https: the public URL says so (AUTH_URL), or a trusted proxy
 * does (X-Forwarded-Proto, believed only when CDP_TRUSTED_PROXY_HOPS > 0), or the request itself came over TLS.
 */
export function servedOverHttps(input: {
  authUrl?: string;
  trustedProxyHops: number;
  forwardedProto: string | null;
  requestProtocol: string;
}): boolean {
  if (input.authUrl?.startsWith("https://")) return true;
  if (input.trustedProxyHops > 0 && input.forwardedProto?.split(",")[0].trim().toLowerCase() === "https") return true;
  return input.requestProtocol === "https:";
}
