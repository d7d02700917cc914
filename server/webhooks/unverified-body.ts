/**
 * What is kept of a body whose signature failed, in place of the payload: a bounded trace, whatever the
 * sender posted (a gzip body decompresses to up to 1 MB; at most EXCERPT_CHARS of it are kept).
 */
export interface UnverifiedBody {
  unverified: true;
  /** Size once decompressed, and on the wire. */
  bytes: number;
  wireBytes: number;
  contentType: string | null;
  /** The start of the body as text; `truncated` when there was more. */
  excerpt: string;
  truncated: boolean;
}

export const EXCERPT_CHARS = 1_024;

/** The headers kept with an unverified delivery are fewer and shorter than a verified one's. */
export const UNVERIFIED_HEADER_LIMITS = { maxHeaders: 24, maxValueLength: 200 } as const;

export function unverifiedBody(body: Buffer, wireBytes: number, contentType: string | null): UnverifiedBody {
  // Decode only the start (a cut multi-byte character becomes U+FFFD); jsonb refuses NUL and lone surrogates.
  const text = body.subarray(0, EXCERPT_CHARS * 4).toString("utf8");
  const excerpt = text.slice(0, EXCERPT_CHARS).replaceAll("\u0000", "\uFFFD").toWellFormed();
  return {
    unverified: true,
    bytes: body.length,
    wireBytes,
    contentType: contentType?.slice(0, 200) ?? null,
    excerpt,
    truncated: body.length > Buffer.byteLength(excerpt),
  };
}

export const isUnverifiedBody = (payload: unknown): payload is UnverifiedBody =>
  typeof payload === "object" && payload !== null && (payload as { unverified?: unknown }).unverified === true;
