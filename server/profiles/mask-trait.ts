import type { Privacy } from "../privacy/privacy";

/** A profile's traits as a role may see them: judged as `traits` (so `name` there is a person's name). */
export const maskTraits = (privacy: Privacy, traits: Record<string, unknown>) =>
  (privacy.value({ traits }) as { traits: Record<string, unknown> }).traits;

/** One trait's name and value as a role may see them. */
export function maskTrait(privacy: Privacy, name: string, value: unknown) {
  const maskedName = privacy.text(name);
  return { name: maskedName, value: maskTraits(privacy, { [name]: value })[maskedName] };
}
