import type { sources } from "@/db/schema";

type SourceRow = typeof sources.$inferSelect;

/** What the console may see of a source: never a key, a hash or a secret. */
export function publicSource(row: SourceRow) {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    enabled: row.enabled,
    writeKeyPrefix: row.writeKeyPrefix,
    /** Whether sources.revealWriteKey can show the key (false for keys stored before keys were kept encrypted). */
    writeKeyRevealable: row.writeKeyEncrypted !== null,
    rateLimitPerSecond: row.settings.rateLimitPerSecond ?? null,
    mapping: row.settings.mapping ?? null,
    signatureRequired: Boolean(row.settings.signingSecretEncrypted),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type PublicSource = ReturnType<typeof publicSource>;
