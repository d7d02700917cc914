import type { SurvivorshipStrategy } from "@/server/identity/identity-rules";

/** How the survivorship strategies read in the console. */
export const STRATEGY_INFO: Record<SurvivorshipStrategy, { label: string; description: string }> = {
  latest: { label: "Latest value", description: "The value of the most recent event, by event time." },
  source_priority: {
    label: "Source priority",
    description: "The value from the highest source in the priority order below; the latest among equals.",
  },
  first_seen: { label: "First seen", description: "The first value ever recorded; later ones only add history." },
  most_frequent: { label: "Most frequent", description: "The value seen most often; the latest breaks a tie." },
};

export const strategyLabel = (s: SurvivorshipStrategy) => STRATEGY_INFO[s].label;

/** The order types are dropped in when a limit is hit, as the server computes it (effectiveRules). */
export function priorityOrder(priority: string[], customTypes: string[]): string[] {
  const types = ["user_id", "email", "phone", "anonymous_id", ...customTypes];
  const listed = priority.filter((t) => types.includes(t));
  const rest = ["user_id", "email", "phone", ...customTypes].filter((t) => !listed.includes(t) && t !== "anonymous_id");
  return [...new Set([...listed, ...rest, "anonymous_id"])];
}

/** "/guest-\d+/" is a pattern; anything else an exact value. */
export const isPattern = (entry: string) => /^\/.+\/$/.test(entry);
