import { and, eq } from "drizzle-orm";
import { sources } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import type { WorkspaceScope } from "../scope";
import { encryptSecret } from "../secrets/encrypt-secret";
import { loadWebhookSource } from "./load-webhook-source";
import { generateSigningSecret } from "./signing-secret";

async function saveSecret(scope: WorkspaceScope, sourceId: string, sealed: string | null, action: string) {
  return scope.db.transaction(async (tx) => {
    const before = await loadWebhookSource(tx, scope.workspaceId, sourceId, true);
    const settings = { ...before.settings };
    if (sealed === null) delete settings.signingSecretEncrypted;
    else settings.signingSecretEncrypted = sealed;
    await tx
      .update(sources)
      .set({ settings, updatedAt: new Date() })
      .where(and(eq(sources.workspaceId, scope.workspaceId), eq(sources.id, sourceId)));
    const wasRequired = Boolean(before.settings.signingSecretEncrypted);
    // The audit row says that a secret changed, never what it is.
    await recordAudit(tx, {
      workspaceId: scope.workspaceId,
      actor: scope.actor,
      action,
      targetType: "source",
      targetId: sourceId,
      before: { signatureRequired: wasRequired },
      after: { signatureRequired: sealed !== null, ...(sealed !== null && wasRequired ? { rotated: true } : {}) },
    });
  });
}

/**
 * Requires Standard Webhooks signatures from now on, with a new secret (replacing any previous one). The
 * secret is returned this once; only its encryption is kept.
 */
export async function enableSignature(scope: WorkspaceScope, sourceId: string) {
  const secret = generateSigningSecret();
  await saveSecret(scope, sourceId, encryptSecret(secret), "webhook.signature_enable");
  return { sourceId, secret };
}

/** Stops checking signatures and forgets the secret. */
export async function disableSignature(scope: WorkspaceScope, sourceId: string) {
  await saveSecret(scope, sourceId, null, "webhook.signature_disable");
  return { sourceId, signatureRequired: false };
}
