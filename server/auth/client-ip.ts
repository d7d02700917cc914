import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import { env } from "../env";

/**
 * The client's address as seen by our own HTTP server (server/main.ts), which overwrites this header on
 * every request so a client cannot choose it.
 */
export const CLIENT_IP_HEADER = "x-cdp-client-ip";

export function clientIp(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? "unknown";
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is 10.0.0.1: one client, one address. */
function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/**
 * The client's address from the socket and X-Forwarded-For, trusting exactly `trustedHops` proxies in front
 * of us. Each proxy appends the address it received the request from, so the hops list is
 * `[…what the client claimed, client, proxy 1, …]` + the socket's peer: skipping the `trustedHops` nearest
 * entries gives the first address a trusted proxy saw. With 0 hops (the default) X-Forwarded-For is ignored:
 * anyone could write it. A malformed entry where the client should be falls back to the socket's peer.
 */
export function forwardedClientIp(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  const peer = socketAddress ? normalise(socketAddress) : "unknown";
  if (trustedHops <= 0 || forwardedFor === undefined) return peer;
  const claimed = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const hops = [...claimed, peer];
  const candidate = normalise(hops[Math.max(0, hops.length - 1 - trustedHops)]);
  return isIP(candidate) ? candidate : peer;
}

export const trustedProxyHops = () => env().CDP_TRUSTED_PROXY_HOPS;

/** The client's address of a request reaching our own HTTP server, by the CDP_TRUSTED_PROXY_HOPS rule. */
export function socketClientIp(req: IncomingMessage, hops = trustedProxyHops()): string {
  return forwardedClientIp(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
}
