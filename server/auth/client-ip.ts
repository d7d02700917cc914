/**
 * The client's address as seen by our own HTTP server (server/main.ts), which overwrites this header on
 * every request so a client cannot choose it.
 */
export const CLIENT_IP_HEADER = "x-cdp-client-ip";

export function clientIp(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}
