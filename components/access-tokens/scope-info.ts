import type { AccessTokenScope } from "@/server/access-tokens/schema";

/** What each scope lets a token do, as the console says it. */
export const SCOPE_INFO: Record<AccessTokenScope, { label: string; description: string }> = {
  "profiles:read": {
    label: "Read profiles",
    description: "Traits, events, external ids and metadata of any profile, through the Profile API",
  },
};

export const SCOPES = Object.keys(SCOPE_INFO) as AccessTokenScope[];
