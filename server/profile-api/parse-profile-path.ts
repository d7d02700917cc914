/** The Profile API's resources: what can follow the profile's identifier in the path. */
export const RESOURCES = ["traits", "events", "external_ids", "metadata"] as const;
export type Resource = (typeof RESOURCES)[number];

export const PATH_SHAPE = `/v1/profiles/{type}:{value}/{${RESOURCES.join("|")}}`;

export type ParsedPath = { ok: true; type: string; value: string; resource: Resource } | { ok: false; message: string };

const isResource = (s: string): s is Resource => (RESOURCES as readonly string[]).includes(s);

/**
 * `/v1/profiles/{type}:{value}/{resource}` → its parts. The path is split on "/" before percent-decoding, so a
 * value may hold an encoded slash (%2F); the identifier is split at its first colon after decoding (types never
 * hold one), so an encoded colon (%3A) works as well. Every refusal names what is wrong and the expected shape.
 */
export function parseProfilePath(path: string): ParsedPath {
  const rest = path.replace(/^\/v1\/profiles\/?/, "").replace(/\/$/, "");
  const parts = rest === "" ? [] : rest.split("/");
  if (parts.length === 0) return { ok: false, message: `name a profile and what to read: ${PATH_SHAPE}` };
  if (parts.length === 1)
    return { ok: false, message: `name what to read after the profile (${RESOURCES.join(", ")}): ${PATH_SHAPE}` };
  if (parts.length > 2)
    return {
      ok: false,
      message: `the path has ${parts.length - 2} part(s) too many; it should be ${PATH_SHAPE} (percent-encode a "/" inside the value as %2F)`,
    };
  const [encoded, resource] = parts;
  if (!isResource(resource))
    return { ok: false, message: `unknown resource "${resource.slice(0, 40)}"; use one of ${RESOURCES.join(", ")}` };
  let identifier: string;
  try {
    identifier = decodeURIComponent(encoded);
  } catch {
    return { ok: false, message: "the profile's identifier is not valid percent-encoding" };
  }
  const colon = identifier.indexOf(":");
  if (colon <= 0)
    return {
      ok: false,
      message: `the profile's identifier must be {type}:{value}, such as email:ana@example.com, user_id:123 or profile_id:<uuid>; got "${identifier.slice(0, 60)}"`,
    };
  const value = identifier.slice(colon + 1);
  if (value.trim() === "")
    return { ok: false, message: `the identifier's value is empty after "${identifier.slice(0, colon)}:"` };
  return { ok: true, type: identifier.slice(0, colon), value, resource };
}
