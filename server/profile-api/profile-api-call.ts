/**
 * One Profile API exchange, independent of the server that carries it: the self-hosted server's fast path
 * adapts Node's request to it (serve-profile-api.ts), the Next route handler a Web Request
 * (handle-profile-api-request.ts). Both answer with server/http/reply.ts's Reply.
 */
export interface ProfileApiCall {
  /** Upper-case HTTP method. */
  method: string;
  /** The URL path as sent, still percent-encoded, without the query string: "/v1/profiles/email:a%40b.c/traits". */
  path: string;
  /** The query string without "?", as sent. */
  query: string;
  /** A request header by lower-case name, or null when absent. */
  header(name: string): string | null;
}
