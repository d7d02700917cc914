/** What each audit action means, in words, for the audit log's action picker. Unknown actions show as themselves. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.signin_refused": "Sign-in refused (locked)",
  "user.create": "User created",
  "user.password_set": "Password set by an admin",
  "user.password_change": "Password changed by its owner",
  "member.add": "Member added",
  "member.remove": "Member removed",
  "member.role_change": "Member's role changed",
  "workspace.create": "Workspace created",
  "workspace.rename": "Workspace renamed",
  "source.create": "Source created",
  "source.update": "Source changed",
  "source.delete": "Source deleted",
  "source.rotate_key": "Write key rotated",
  "source.reveal_key": "Write key revealed",
  "webhook.set_mapping": "Webhook mapping saved",
  "webhook.replay": "Webhook deliveries replayed",
  "import.start": "File import started",
  "import.fail": "File import failed",
  "job.retry": "Job retried",
  "job.run": "Job run now",
  "identity.rules_update": "Identity rules changed",
  "access_token.create": "Access token created",
  "access_token.revoke": "Access token revoked",
  "enrichment.upload": "Enrichment file applied",
};

export const actionLabel = (action: string) => AUDIT_ACTION_LABELS[action] ?? action;
