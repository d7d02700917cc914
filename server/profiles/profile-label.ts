/** A person's name for lists and headings: name traits, else email, else user id, else "Anonymous visitor". */
export function profileLabel(traits: Record<string, unknown>, identifiers: { type: string; value: string }[]): string {
  const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
  const full = [text(traits.firstName) ?? text(traits.first_name), text(traits.lastName) ?? text(traits.last_name)]
    .filter(Boolean)
    .join(" ");
  return (
    text(traits.name) ??
    (full || null) ??
    text(traits.email) ??
    identifiers.find((i) => i.type === "email")?.value ??
    identifiers.find((i) => i.type === "user_id")?.value ??
    "Anonymous visitor"
  );
}
