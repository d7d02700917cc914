import { can, type Role } from "../auth/permissions";
import { AppError } from "../errors";
import { maskId, maskLine, maskPath, maskText, maskValue } from "./mask-pii";
import { piiKinds, type PiiKind } from "./pii-policy";

/** How a role reads customer data: as stored (pii:read), or masked by the PII policy. */
export interface Privacy {
  readsPii: boolean;
  value: (value: unknown) => unknown;
  text: (text: string) => string;
  id: <T extends string | null>(id: T) => T;
  path: (path: string) => string;
  /** A raw line of an uploaded file. */
  line: (line: string) => string;
}

const AS_STORED: Privacy = {
  readsPii: true,
  value: (v) => v,
  text: (t) => t,
  id: (i) => i,
  path: (p) => p,
  line: (l) => l,
};
const MASKED: Privacy = {
  readsPii: false,
  value: (v) => maskValue(v),
  text: maskText,
  id: maskId,
  path: maskPath,
  line: maskLine,
};

export const privacyFor = (role: Role): Privacy => (can(role, "pii:read") ? AS_STORED : MASKED);

const KIND_NAMES: Record<PiiKind, string> = { email: "an email address", phone: "a phone number", ip: "an IP address" };

/**
 * A role without pii:read may not look customer data up by a personal value: matching (or not) would tell
 * them whose events exist. `what` names the filter. Values without personal data pass for every role.
 */
export function assertMaySearch(role: Role, what: string, value: string | undefined): void {
  if (value === undefined || can(role, "pii:read")) return;
  const kinds = piiKinds(value);
  if (kinds.length === 0) return;
  throw new AppError(
    "FORBIDDEN",
    `Your role (${role}) may not search by personal data: the ${what} filter holds ${kinds.map((k) => KIND_NAMES[k]).join(" and ")} (searching by it needs pii:read). Search by a user id instead.`,
  );
}
